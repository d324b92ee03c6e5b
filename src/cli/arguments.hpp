// Command-line arguments of one sub-command: `--name VALUE`, `--name=VALUE`, flags, positionals.
#pragma once
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace seg::cli {

struct Arguments {
  std::map<std::string, std::string> options;  // "--config" -> "file.json"
  std::set<std::string> flags;                 // "--json"
  std::vector<std::string> positionals;

  std::optional<std::string> option(const std::string& name) const;
  bool flag(const std::string& name) const { return flags.count(name) != 0; }
};

// Reads args[first..]; false with `error` for an unknown option or a missing value.
// "-" alone is a positional (standard input).
bool parse_arguments(const std::vector<std::string>& args, std::size_t first,
                     const std::set<std::string>& value_options, const std::set<std::string>& flag_options,
                     Arguments& out, std::string& error);

}  // namespace seg::cli
