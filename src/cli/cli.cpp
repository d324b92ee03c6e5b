#include "cli/cli.hpp"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <sstream>

#include "cli/arguments.hpp"
#include "cli/cli_support.hpp"
#include "toolkit/csv_events.hpp"
#include "toolkit/event_line.hpp"
#include "toolkit/generator.hpp"
#include "toolkit/ga4_export.hpp"
#include "cli/line_reader.hpp"
#include "toolkit/replay.hpp"
#include "shopper_segments/engine.hpp"
#include "shopper_segments/toolkit.hpp"
#include "engine/json.hpp"
#include "engine/program.hpp"

namespace seg::cli {

const char* const kUsageText =
    "usage:\n"
    "  shopper-segments validate CONFIG.json [--json]\n"
    "  shopper-segments compile CONFIG.json -o PROGRAM\n"
    "  shopper-segments inspect PROGRAM [--json]\n"
    "  shopper-segments replay [--config CONFIG.json] [--now MS] [--format jsonl|ga4|csv] [--map MAPPING]\n"
    "                          [--max-visitors N] EVENTS|-\n"
    "  shopper-segments explain [--config CONFIG.json] --visitor ID (--segment ID | --slot SLOT) [--now MS] EVENTS.jsonl|-\n"
    "  shopper-segments generate --visitors N --seed S [-o EVENTS.jsonl]\n"
    "\n"
    "validate  exit 0 when the configuration is valid, else 1 and every issue\n"
    "          (--json: {\"ok\":false,\"issues\":[{\"code\",\"path\",\"message\"}]})\n"
    "compile   the configuration as a compiled program, the file the storefront runtime loads\n"
    "          (data-program); exit 1 and every issue when it is not valid\n"
    "inspect   what a program file holds: format version, checksum, size, segments, offers, slots\n"
    "replay    one JSON line per visitor: {\"visitor\",\"segments\":[...],\"offers\":{slot:offer|null}},\n"
    "          as of --now (later lines left out) or else at the visitor's latest event; without\n"
    "          --config the built-in catalogue.\n"
    "          --format ga4: rows of a GA4 BigQuery export (events_YYYYMMDD as newline-delimited JSON);\n"
    "          --format csv --map visitor=COL,time=COL,event=COL[,FIELD=COL...]: CSV with a header.\n"
    "          At most --max-visitors (default 10000) visitors are held at once: when one more comes,\n"
    "          the one idle longest is finished and written (memory stays bounded; a log grouped by\n"
    "          visitor or ordered by time fits); a line for a finished visitor is reported and skipped\n"
    "explain   the rule tree of one segment for one visitor, as JSON; with --slot, what the slot shows\n"
    "          and why each other offer of it does not, in words (\"Lost to ... (priority 50 > 30).\")\n"
    "generate  a synthetic event log (made up: personas shopping over six months) for replay; the same\n"
    "          N and S give the same bytes, and every segment of the built-in catalogue has members\n";

// The helpers every command shares (cli_support.hpp).

// Bad lines reported one by one; beyond this only the total is given.
constexpr std::size_t kMaxReportedLines = 100;

bool open_input(const std::string& path, std::ifstream& file, std::ostream& err) {
  // A directory opens like an empty file on Linux: it read as no lines (replay: exit 0, nothing
  // printed) or as text that is "not valid JSON". Say what it is instead.
  std::error_code code;
  if (std::filesystem::is_directory(path, code)) {
    err << "shopper-segments: cannot read " << path << ": it is a directory\n";
    return false;
  }
  file.open(path, std::ios::binary);
  if (!file) {
    err << "shopper-segments: cannot read " << path << "\n";
    return false;
  }
  return true;
}

bool read_file(const std::string& path, std::string& text, std::ostream& err) {
  std::ifstream file;
  if (!open_input(path, file, err)) return false;
  std::ostringstream buffer;
  buffer << file.rdbuf();
  if (file.bad()) {
    err << "shopper-segments: cannot read " << path << "\n";
    return false;
  }
  text = buffer.str();
  return true;
}

namespace {

bool parse_millis(const std::string& text, Millis& out) {
  const char* end = text.data() + text.size();
  const auto result = std::from_chars(text.data(), end, out);
  return !text.empty() && result.ec == std::errc() && result.ptr == end;
}

}  // namespace

int usage_error(std::ostream& err, const std::string& message) {
  err << "shopper-segments: " << message << "\n\n" << kUsageText;
  return kExitUsage;
}

void write_issue_text(std::ostream& out, const Issue& issue) {
  out << "  " << (issue.path.empty() ? "/" : issue.path) << ": " << issue.message << " [" << issue.code
      << "]\n";
}

std::string issues_json(bool ok, const Issues& issues) {
  std::string json = ok ? "{\"ok\":true,\"issues\":[" : "{\"ok\":false,\"issues\":[";
  for (std::size_t i = 0; i < issues.size(); ++i) {
    if (i != 0) json.push_back(',');
    json += "{\"code\":";
    append_quoted(json, issues[i].code);
    json += ",\"path\":";
    append_quoted(json, issues[i].path);
    json += ",\"message\":";
    append_quoted(json, issues[i].message);
    json.push_back('}');
  }
  json += "]}";
  return json;
}

namespace {

// --config FILE, or the built-in catalogue. Null after reporting on err.
std::shared_ptr<const Program> load_program(const Arguments& args, std::ostream& err, int& exit_code) {
  std::string text;
  const auto path = args.option("--config");
  if (path) {
    if (!read_file(*path, text, err)) {
      exit_code = kExitUsage;
      return nullptr;
    }
  } else {
    text = std::string(default_catalog_json());
  }
  CompileResult compiled = compile_config(text);
  if (!compiled.program) {
    err << "shopper-segments: " << (path ? *path : std::string("the built-in catalogue")) << " is not valid ("
        << compiled.issues.size() << " issues):\n";
    for (const Issue& issue : compiled.issues) write_issue_text(err, issue);
    exit_code = kExitInvalid;
  }
  return compiled.program;
}

bool parse_now(const Arguments& args, std::optional<Millis>& now, std::ostream& err) {
  const auto text = args.option("--now");
  if (!text) return true;
  Millis value = 0;
  if (!parse_millis(*text, value)) {
    err << "shopper-segments: --now takes whole milliseconds since the epoch, not \"" << *text << "\"\n";
    return false;
  }
  now = value;
  return true;
}

// Reads every line of `source` ("-": `in`) with `reader`, hands each event to `use`, reports bad
// rows on err as "SOURCE:LINE: sentence [code]" and goes on. False when the source cannot be opened.
bool for_each_line(const std::string& source, std::istream& in, std::ostream& err, RowReader& reader,
                   const std::function<bool(const EventLine&, RowError&)>& use) {
  std::ifstream file;
  std::istream* stream = &in;
  const std::string name = source == "-" ? std::string("<stdin>") : source;
  if (source != "-") {
    if (!open_input(source, file, err)) return false;
    stream = &file;
  }
  LineReader lines(*stream, kMaxLineBytes);
  EventLine line;
  RowError error;
  std::string_view text;
  std::size_t number = 0;
  std::size_t bad = 0;
  std::size_t used = 0;
  const auto take = [&](RowResult result) {
    if (result == RowResult::Pending || result == RowResult::Skipped) return;
    if (result == RowResult::Event && use(line, error)) {
      ++used;
      return;
    }
    if (++bad <= kMaxReportedLines) err << name << ":" << number << ": " << error.message << " [" << error.code << "]\n";
  };
  while (lines.next(text)) {
    ++number;
    if (lines.too_long()) {
      error.code = "line_too_long";
      error.message = "the line is longer than " + std::to_string(kMaxLineBytes) + " bytes";
      take(RowResult::Bad);
      continue;
    }
    take(reader.line(text, line, error));
  }
  take(reader.finish(line, error));
  if (bad > 0) {
    err << "shopper-segments: skipped " << bad << " bad line" << (bad == 1 ? "" : "s") << " of " << (used + bad)
        << " in " << name << "\n";
  }
  return true;
}

// --format and --map: the row reader for the log; null after reporting on err.
std::unique_ptr<RowReader> row_reader(const Arguments& args, std::ostream& err) {
  const std::string format = args.option("--format").value_or("jsonl");
  const auto map = args.option("--map");
  if (format == "jsonl" || format == "ga4") {
    if (map) {
      err << "shopper-segments: --map is for --format csv\n";
      return nullptr;
    }
    return format == "ga4" ? ga4_row_reader() : event_line_reader();
  }
  if (format != "csv") {
    err << "shopper-segments: --format is jsonl, ga4 or csv, not \"" << format << "\"\n";
    return nullptr;
  }
  if (!map) {
    err << "shopper-segments: --format csv needs --map visitor=COL,time=COL,event=COL[,FIELD=COL...]\n";
    return nullptr;
  }
  CsvMapping mapping;
  std::string error;
  if (!parse_csv_mapping(*map, mapping, error)) {
    err << "shopper-segments: --map: " << error << "\n";
    return nullptr;
  }
  return csv_row_reader(std::move(mapping));
}

bool parse_max_visitors(const Arguments& args, std::size_t& out, std::ostream& err) {
  const auto text = args.option("--max-visitors");
  if (!text) return true;
  const char* end = text->data() + text->size();
  const auto r = std::from_chars(text->data(), end, out);
  if (text->empty() || r.ec != std::errc() || r.ptr != end || out == 0) {
    err << "shopper-segments: --max-visitors takes a whole number of at least 1, not \"" << *text << "\"\n";
    return false;
  }
  return true;
}

int validate(const std::vector<std::string>& all, std::ostream& out, std::ostream& err) {
  Arguments args;
  std::string error;
  if (!parse_arguments(all, 1, {}, {"--json"}, args, error)) return usage_error(err, error);
  if (args.positionals.size() != 1) return usage_error(err, "validate takes one CONFIG file");
  const std::string& path = args.positionals[0];
  std::string text;
  if (path == "-") return usage_error(err, "validate reads a file, not standard input");
  if (!read_file(path, text, err)) return kExitUsage;
  const CompileResult compiled = compile_config(text);
  const bool ok = compiled.program != nullptr;
  if (args.flag("--json")) {
    out << issues_json(ok, compiled.issues) << "\n";
  } else if (ok) {
    out << path << ": valid\n";
  } else {
    out << path << ": " << compiled.issues.size() << " issue" << (compiled.issues.size() == 1 ? "" : "s")
        << "\n";
    for (const Issue& issue : compiled.issues) write_issue_text(out, issue);
  }
  return ok ? kExitOk : kExitInvalid;
}

int replay(const std::vector<std::string>& all, std::istream& in, std::ostream& out, std::ostream& err) {
  Arguments args;
  std::string error;
  if (!parse_arguments(all, 1, {"--config", "--now", "--format", "--map", "--max-visitors"}, {}, args, error)) {
    return usage_error(err, error);
  }
  if (args.positionals.size() != 1) return usage_error(err, "replay takes one EVENTS file (or - for stdin)");
  Replay::Options options;
  if (!parse_now(args, options.now, err) || !parse_max_visitors(args, options.max_live, err)) return kExitUsage;
  auto reader = row_reader(args, err);
  if (!reader) return kExitUsage;
  int exit_code = kExitOk;
  auto program = load_program(args, err, exit_code);
  if (!program) return exit_code;

  Replay run(program, options);
  run.set_result_sink([&](const std::string& line) { out << line << '\n'; });
  if (!for_each_line(args.positionals[0], in, err, *reader,
                     [&](const EventLine& line, RowError& why) { return run.apply(line, why); })) {
    return kExitUsage;
  }
  run.finish_all();
  return kExitOk;
}

int explain(const std::vector<std::string>& all, std::istream& in, std::ostream& out, std::ostream& err) {
  Arguments args;
  std::string error;
  if (!parse_arguments(all, 1, {"--config", "--now", "--visitor", "--segment", "--slot"}, {}, args, error)) {
    return usage_error(err, error);
  }
  if (args.positionals.size() != 1) return usage_error(err, "explain takes one EVENTS file (or - for stdin)");
  const auto visitor = args.option("--visitor");
  const auto segment = args.option("--segment");
  const auto slot = args.option("--slot");
  if (!visitor || !segment == !slot) return usage_error(err, "explain needs --visitor ID and one of --segment ID or --slot SLOT");
  std::optional<Millis> now;
  if (!parse_now(args, now, err)) return kExitUsage;
  int exit_code = kExitOk;
  auto program = load_program(args, err, exit_code);
  if (!program) return exit_code;

  Replay run(program);
  auto reader = event_line_reader();
  if (!for_each_line(args.positionals[0], in, err, *reader, [&](const EventLine& line, RowError& why) {
        return line.visitor != *visitor || run.apply(line, why);
      })) {
    return kExitUsage;
  }
  Millis latest = 0;
  Engine* engine = run.find(*visitor, &latest);
  if (engine == nullptr) {
    err << "shopper-segments: no lines for visitor \"" << *visitor << "\" in " << args.positionals[0] << "\n";
    return kExitInvalid;
  }
  const Millis at = now.value_or(latest);
  if (slot) {
    const Program& program = engine->program();
    if (std::find(program.slots.begin(), program.slots.end(), *slot) == program.slots.end()) {
      err << "shopper-segments: the configuration has no slot \"" << *slot << "\"\n";
      return kExitInvalid;
    }
    out << explain_slot_json(*engine, *slot, at) << "\n";
    return kExitOk;
  }
  bool known = false;
  for (const SegmentResult& result : engine->segments(at)) known = known || result.id == *segment;
  if (!known) {
    err << "shopper-segments: the configuration has no segment \"" << *segment << "\"\n";
    return kExitInvalid;
  }
  out << explain_segment_json(*engine, *segment, at) << "\n";
  return kExitOk;
}

// `generate --visitors N --seed S [-o FILE]`: the synthetic log (src/toolkit/generator.hpp).
int generate(const std::vector<std::string>& all, std::ostream& out, std::ostream& err) {
  Arguments args;
  std::string error;
  if (!parse_arguments(all, 1, {"--visitors", "--seed", "-o"}, {}, args, error)) return usage_error(err, error);
  if (!args.positionals.empty()) return usage_error(err, "generate takes no file; use -o FILE to write one");
  GeneratorOptions options;
  long long visitors = 0, seed = 0;
  const auto visitors_text = args.option("--visitors");
  const auto seed_text = args.option("--seed");
  if (!visitors_text || !seed_text) return usage_error(err, "generate needs --visitors N and --seed S");
  const auto whole = [](const std::string& text, long long& value, long long most) {
    const char* end = text.data() + text.size();
    const auto result = std::from_chars(text.data(), end, value);
    return !text.empty() && result.ec == std::errc() && result.ptr == end && value >= 0 && value <= most;
  };
  if (!whole(*visitors_text, visitors, 1000000)) return usage_error(err, "--visitors takes a whole number from 0 to 1000000");
  if (!whole(*seed_text, seed, 9007199254740991LL)) return usage_error(err, "--seed takes a whole number from 0 to 2^53 - 1");
  options.visitors = static_cast<int>(visitors);
  options.seed = static_cast<std::uint64_t>(seed);
  const std::string log = generate_log(options);
  if (const auto path = args.option("-o")) {
    std::ofstream file(*path, std::ios::binary);
    if (!file || !file.write(log.data(), static_cast<std::streamsize>(log.size()))) {
      err << "shopper-segments: cannot write " << *path << "\n";
      return kExitUsage;
    }
    return kExitOk;
  }
  out << log;
  return kExitOk;
}

}  // namespace

int run_cli(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err) {
  if (args.empty()) return usage_error(err, "a command is needed");
  const std::string& command = args[0];
  if (command == "--help" || command == "-h" || command == "help") {
    out << kUsageText;
    return kExitOk;
  }
  if (command == "validate") return validate(args, out, err);
  if (command == "compile") return compile(args, out, err);
  if (command == "inspect") return inspect(args, out, err);
  if (command == "replay") return replay(args, in, out, err);
  if (command == "explain") return explain(args, in, out, err);
  if (command == "generate") return generate(args, out, err);
  return usage_error(err, "unknown command \"" + command + "\"");
}

}  // namespace seg::cli
