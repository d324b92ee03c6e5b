#include "cli/arguments.hpp"

namespace seg::cli {

std::optional<std::string> Arguments::option(const std::string& name) const {
  const auto found = options.find(name);
  if (found == options.end()) return std::nullopt;
  return found->second;
}

bool parse_arguments(const std::vector<std::string>& args, std::size_t first,
                     const std::set<std::string>& value_options, const std::set<std::string>& flag_options,
                     Arguments& out, std::string& error) {
  for (std::size_t i = first; i < args.size(); ++i) {
    const std::string& arg = args[i];
    // A short option ("-o") only where the command names one; "-" alone is standard input.
    const bool short_option = arg.size() == 2 && arg[0] == '-' && arg != "--" && value_options.count(arg) != 0;
    if (!short_option && (arg.size() < 2 || arg.compare(0, 2, "--") != 0)) {
      out.positionals.push_back(arg);
      continue;
    }
    const auto equals = arg.find('=');
    const std::string name = arg.substr(0, equals);
    if (value_options.count(name) != 0) {
      if (equals != std::string::npos) {
        out.options[name] = arg.substr(equals + 1);
      } else if (i + 1 < args.size()) {
        out.options[name] = args[++i];
      } else {
        error = name + " needs a value";
        return false;
      }
    } else if (flag_options.count(name) != 0 && equals == std::string::npos) {
      out.flags.insert(name);
    } else {
      error = "unknown option " + arg;
      return false;
    }
  }
  return true;
}

}  // namespace seg::cli
