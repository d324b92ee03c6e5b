// `compile` and `inspect`: a JSON configuration to the program file the storefront runtime loads,
// and what such a file holds.
#include <cstdio>
#include <fstream>
#include <string>

#include "cli/arguments.hpp"
#include "cli/cli.hpp"
#include "cli/cli_support.hpp"
#include "engine/json.hpp"
#include "engine/program.hpp"
#include "engine/program_reader.hpp"
#include "toolkit/program_writer.hpp"
#include "shopper_segments/toolkit.hpp"

namespace seg::cli {
namespace {

std::string hex64(std::uint64_t value) {
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(value));
  return text;
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) out += (out.empty() ? "" : ", ") + name;
  return out;
}

// Names as the owner reads them: the segment's name, with its id when they differ.
std::string segment_names(const Program& p) {
  std::vector<std::string> names;
  for (const SegmentDef& s : p.segments) names.push_back(s.name.empty() || s.name == s.id ? s.id : s.name + " (" + s.id + ")");
  return joined(names);
}

}  // namespace

int compile(const std::vector<std::string>& all, std::ostream& out, std::ostream& err) {
  Arguments args;
  std::string error;
  if (!parse_arguments(all, 1, {"-o", "--output"}, {}, args, error)) return usage_error(err, error);
  if (args.positionals.size() != 1) return usage_error(err, "compile takes one CONFIG file");
  auto target = args.option("-o");
  if (!target) target = args.option("--output");
  if (!target || target->empty()) return usage_error(err, "compile needs -o PROGRAM, the file to write");
  const std::string& path = args.positionals[0];
  if (path == "-") return usage_error(err, "compile reads a file, not standard input");
  std::string text;
  if (!read_file(path, text, err)) return kExitUsage;
  const CompileResult compiled = compile_config(text);
  if (!compiled.program) {
    err << path << ": " << compiled.issues.size() << " issue" << (compiled.issues.size() == 1 ? "" : "s")
        << ", nothing written\n";
    for (const Issue& issue : compiled.issues) write_issue_text(err, issue);
    return kExitInvalid;
  }
  const std::string bytes = write_program(*compiled.program);
  std::ofstream file(*target, std::ios::binary | std::ios::trunc);
  if (!file || !file.write(bytes.data(), static_cast<std::streamsize>(bytes.size())) || !file.flush()) {
    err << "shopper-segments: cannot write " << *target << "\n";
    return kExitUsage;
  }
  ProgramHeader header;
  read_program_header(bytes, header);
  out << *target << ": " << bytes.size() << " bytes, format " << header.version << ", checksum "
      << hex64(header.checksum) << ", " << compiled.program->segments.size() << " segments, "
      << compiled.program->offers.size() << " offers\n";
  return kExitOk;
}

int inspect(const std::vector<std::string>& all, std::ostream& out, std::ostream& err) {
  Arguments args;
  std::string error;
  if (!parse_arguments(all, 1, {}, {"--json"}, args, error)) return usage_error(err, error);
  if (args.positionals.size() != 1) return usage_error(err, "inspect takes one PROGRAM file");
  const std::string& path = args.positionals[0];
  if (path == "-") return usage_error(err, "inspect reads a file, not standard input");
  std::string bytes;
  if (!read_file(path, bytes, err)) return kExitUsage;
  ProgramHeader header;
  const bool has_header = read_program_header(bytes, header);
  const ProgramRead read = read_program(bytes);
  const bool json = args.flag("--json");
  if (!read.program) {
    if (json) {
      std::string line = "{\"ok\":false,\"bytes\":" + std::to_string(bytes.size());
      if (has_header) line += ",\"version\":" + std::to_string(header.version);
      line += ",\"error\":{\"code\":";
      append_quoted(line, read.code);
      line += ",\"message\":";
      append_quoted(line, read.message);
      out << line << "}}\n";
    } else {
      out << path << ": not a usable program: " << read.message << " [" << read.code << "]\n";
    }
    return kExitInvalid;
  }
  const Program& p = *read.program;
  std::vector<std::string> offers;
  for (const OfferDef& o : p.offers) offers.push_back(o.id);
  if (json) {
    std::string line = "{\"ok\":true,\"bytes\":" + std::to_string(bytes.size()) +
                       ",\"version\":" + std::to_string(header.version) + ",\"checksum\":\"" + hex64(header.checksum) +
                       "\",\"segments\":[";
    for (std::size_t i = 0; i < p.segments.size(); ++i) {
      if (i) line += ',';
      line += "{\"id\":";
      append_quoted(line, p.segments[i].id);
      line += ",\"name\":";
      append_quoted(line, p.segments[i].name);
      line += '}';
    }
    line += "],\"offers\":";
    append_quoted_list(line, offers);
    line += ",\"slots\":";
    append_quoted_list(line, p.slots);
    line += ",\"rule_nodes\":" + std::to_string(p.nodes.size()) + ",\"features\":{\"series\":" +
            std::to_string(p.series.size()) + ",\"value_sets\":" + std::to_string(p.value_sets.size()) +
            ",\"steps\":" + std::to_string(p.steps.size()) + "}}";
    out << line << "\n";
    return kExitOk;
  }
  out << path << ": Shopper Segments program, format " << header.version << "\n"
      << "  size        " << bytes.size() << " bytes\n"
      << "  checksum    " << hex64(header.checksum) << " (FNV-1a 64 of the body)\n"
      << "  segments    " << p.segments.size() << ": " << segment_names(p) << "\n"
      << "  offers      " << p.offers.size() << ": " << joined(offers) << "\n"
      << "  slots       " << p.slots.size() << ": " << joined(p.slots) << "\n"
      << "  rule nodes  " << p.nodes.size() << "\n"
      << "  features    " << p.series.size() << " series, " << p.value_sets.size() << " value sets, "
      << p.steps.size() << " sequence steps\n";
  return kExitOk;
}

}  // namespace seg::cli
