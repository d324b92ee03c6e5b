// Native benchmark of the engine and the CLI (issue 3 budgets: track <= 0.5 us, a full decision
// over the built-in catalogue <= 5 us, replay >= 1,000,000 events/s on one core).
//
//   seg_bench --events EVENTS.jsonl [--replay-events N] [--decide-config CONFIG.json]... [--ga4 EXPORT.jsonl] [--json]
//
// EVENTS.jsonl is a replay log (scripts/bench converts the OTTO sample with
// scripts/otto-to-events.mjs); it is replicated with new visitor ids and shifted times to N lines
// (default 1,000,000) and replayed through the same code as `shopper-segments replay`.
// Each --decide-config adds the full decision over that configuration (bench/run.mjs passes its
// 100- and 500-segment ones), named decide.<segments>. --ga4 adds `replay --format ga4` over a GA4
// export (rows/s; issue 17 budget >= 1,000,000) and the row reader alone (bench/ga4-replay.mjs
// writes one).
// Prints figures; it is a measurement, not a test, and exits 0 whatever the figures are.
#include <sys/resource.h>

#include <ctime>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <streambuf>
#include <string>
#include <vector>

#include "cli/cli.hpp"
#include "toolkit/event_line.hpp"
#include "toolkit/ga4_export.hpp"
#include "shopper_segments/engine.hpp"
#include "shopper_segments/toolkit.hpp"
#include "engine/packed_event.hpp"
#include "engine/json.hpp"
#include "engine/program.hpp"
#include "replicate.hpp"

namespace {

// CPU time of this thread, not wall time: the figures are "per core", and stay meaningful on a
// machine shared with other work.
struct Clock {
  using time_point = double;
  static time_point now() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
  }
};

double seconds_since(Clock::time_point start) { return Clock::now() - start; }

struct Result {
  std::string name;
  std::string metric;
  double value;
  std::string unit;
  std::string note;  // budget verdict and context, text output only
};

// Reads a block of memory as a stream without copying it.
class MemoryBuffer : public std::streambuf {
 public:
  explicit MemoryBuffer(std::string& text) { setg(text.data(), text.data(), text.data() + text.size()); }
};

// Discards output but still formats it, as writing to /dev/null would.
class NullBuffer : public std::streambuf {
 protected:
  int overflow(int c) override { return c; }
  std::streamsize xsputn(const char*, std::streamsize n) override { return n; }
};

std::vector<seg::Event> sample_events() {
  // A mix like a storefront's: mostly product views, some lists, carts and searches.
  std::vector<seg::Event> events;
  const char* categories[] = {"shoes", "socks", "shirts", "bags"};
  for (int i = 0; i < 64; ++i) {
    seg::Event e;
    switch (i % 8) {
      case 0: e.type = "page_view"; e.str("page_type", i % 16 == 0 ? "home" : "category"); break;
      case 5: e.type = "add_to_cart"; break;
      case 6: e.type = "search"; e.str("search_term", "red shoes"); break;
      default: e.type = "view_item"; break;
    }
    if (e.type == "view_item" || e.type == "add_to_cart") {
      e.str("item_id", "sku" + std::to_string(i % 40));
      e.str("item_category", categories[i % 4]);
      if (i % 3 == 0) e.str("tags", "new");
      if (i % 5 == 0) e.str("tags", "sale");
      e.num("price", 10 + i);
    }
    events.push_back(std::move(e));
  }
  return events;
}

std::string budget_note(bool within, const std::string& budget) {
  return (within ? "within budget " : "OVER budget ") + budget;
}

Result bench_track(const std::shared_ptr<const seg::Program>& program, seg::Millis& now) {
  const auto events = sample_events();
  seg::Engine engine(program);
  engine.set_visitor_id("bench-track");
  constexpr int kWarmup = 100000;
  constexpr int kRounds = 1000000;
  for (int i = 0; i < kWarmup; ++i) engine.track(events[i % events.size()], now += 20000);
  const auto start = Clock::now();
  for (int i = 0; i < kRounds; ++i) engine.track(events[i % events.size()], now += 20000);
  const double us = seconds_since(start) * 1e6 / kRounds;
  return {"track", "time_per_event", us, "us", budget_note(us <= 0.5, "<= 0.5 us")};
}

// The same events as the WASM module's hot path receives them (docs/BINDINGS.md "Packed
// fields"), decoded and tracked per call as seg_track does: the native side of the WASM core's
// track figure, the same work on both sides.
Result bench_track_packed(const std::shared_ptr<const seg::Program>& program, seg::Millis& now) {
  std::vector<std::pair<std::string, std::string>> packed;
  for (const seg::Event& e : sample_events()) {
    std::string fields;
    auto record = [&](const std::string& key, const std::string& value) {
      if (!fields.empty()) fields += '\x1e';
      fields += key + '\x1f' + value;
    };
    for (const auto& [key, value] : e.strings) record(key, value);
    for (const auto& [key, value] : e.numbers) {
      std::string text;
      seg::append_number(text, value);
      record("#" + key, text);
    }
    packed.emplace_back(e.type, fields);
  }
  seg::Engine engine(program);
  engine.set_visitor_id("bench-track");
  seg::Event event;  // reused, as seg_track reuses one
  constexpr int kWarmup = 100000;
  constexpr int kRounds = 1000000;
  for (int i = 0; i < kWarmup; ++i) {
    const auto& [type, fields] = packed[i % packed.size()];
    seg::decode_packed_event(type, fields, event);
    engine.track(event, now += 20000);
  }
  const auto start = Clock::now();
  for (int i = 0; i < kRounds; ++i) {
    const auto& [type, fields] = packed[i % packed.size()];
    seg::decode_packed_event(type, fields, event);
    engine.track(event, now += 20000);
  }
  const double us = seconds_since(start) * 1e6 / kRounds;
  return {"track_packed", "time_per_event", us, "us", "decode the hot path's packed fields, then track (as seg_track)"};
}

// A visitor with a month of history: 3,000 events 15 minutes apart, a trait and a context.
seg::Engine decision_visitor(const std::shared_ptr<const seg::Program>& program, seg::Millis& now) {
  const auto events = sample_events();
  seg::Engine engine(program);
  engine.set_visitor_id("bench-decide");
  engine.set_trait("customer_orders", seg::Value::of(2.0));
  engine.set_context("timezone", seg::Value::of("Europe/Berlin"));
  engine.set_context("tz_offset", seg::Value::of(60.0));
  for (int i = 0; i < 3000; ++i) engine.track(events[i % events.size()], now += 900000);
  return engine;
}

// `budgeted`: the built-in catalogue, which issue 3's budget is about.
Result bench_decide(const std::shared_ptr<const seg::Program>& program, seg::Millis now, bool budgeted = true) {
  seg::Engine engine = decision_visitor(program, now);
  constexpr int kRounds = 200000;
  std::size_t sink = 0;
  // choose(): the whole decision (every segment, every offer) as indices into the program, which
  // is what the WASM module hands to JavaScript; decide() adds copies of the names. Every call
  // evaluates in full (reuse off); bench_decide_repeat measures asking again between events.
  engine.reuse_evaluations(false);
  for (int i = 0; i < 1000; ++i) sink += engine.choose(now += 1).slots.size();
  const auto start = Clock::now();
  for (int i = 0; i < kRounds; ++i) sink += engine.choose(now += 1).slots.size();
  const double us = seconds_since(start) * 1e6 / kRounds;
  const std::size_t segments = engine.segments(now).size();
  const std::string size = std::to_string(segments) + " segments, " + std::to_string(sink / (kRounds + 1000)) + " slots";
  return {"decide", "time_per_decision", us, "us", budgeted ? budget_note(us <= 5, "<= 5 us") + " (" + size + ")" : size};
}

// Asking again 1 ms later with nothing changed, as a page does between events: the engine
// reuses its last evaluation until the first time an answer could change.
Result bench_decide_repeat(const std::shared_ptr<const seg::Program>& program, seg::Millis now) {
  seg::Engine engine = decision_visitor(program, now);
  constexpr int kRounds = 2000000;
  std::size_t sink = 0;
  const auto start = Clock::now();
  for (int i = 0; i < kRounds; ++i) sink += engine.choose(now += 1).slots.size();
  const double us = seconds_since(start) * 1e6 / kRounds;
  return {"decide_repeat", "time_per_decision", us, "us",
          std::to_string(engine.evaluations()) + " evaluations for " + std::to_string(kRounds) + " decisions 1 ms apart" +
              (sink ? "" : " ")};
}

Result bench_replay(const std::string& events_path, std::size_t count, std::string& log) {
  std::ifstream file(events_path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(file, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  if (lines.empty()) {
    std::cerr << "seg_bench: no lines in " << events_path << "\n";
    std::exit(2);
  }
  constexpr long long kShiftMs = 400LL * 24 * 3600 * 1000;  // each copy 400 days later
  log = seg::bench::replicate_log(lines, count, kShiftMs);

  MemoryBuffer memory(log);
  std::istream in(&memory);
  NullBuffer null;
  std::ostream out(&null);
  std::ostringstream err;
  const auto start = Clock::now();
  const int code = seg::cli::run_cli({"replay", "-"}, in, out, err);
  const double seconds = seconds_since(start);
  if (code != 0 || !err.str().empty()) {
    std::cerr << "seg_bench: replay failed (exit " << code << "):\n" << err.str().substr(0, 2000);
    std::exit(2);
  }
  const double per_second = static_cast<double>(count) / seconds;
  char context[128];
  std::snprintf(context, sizeof context, " (%zu events from %zu sample lines, %.2f s CPU, visitors\' results included)",
                count, lines.size(), seconds);
  return {"replay", "throughput", per_second, "events/s",
          budget_note(per_second >= 1e6, ">= 1,000,000 events/s") + context};
}

Result bench_parse(const std::string& log) {
  // The fast line reader alone, over the first lines of the replay log.
  std::vector<std::string_view> lines;
  std::size_t begin = 0;
  while (lines.size() < 100000 && begin < log.size()) {
    const auto end = log.find('\n', begin);
    lines.emplace_back(log.data() + begin, end - begin);
    begin = end + 1;
  }
  seg::EventLine line;
  std::string error;
  std::size_t sink = 0;
  constexpr int kRepeats = 5;
  const auto start = Clock::now();
  for (int r = 0; r < kRepeats; ++r) {
    for (const auto text : lines) sink += seg::parse_event_line(text, line, error) ? line.event.strings.size() : 0;
  }
  const double ns = seconds_since(start) * 1e9 / static_cast<double>(lines.size() * kRepeats);
  return {"parse_line", "time_per_line", ns, "ns", sink == 0 ? "no line parsed!" : "fast event-line reader"};
}

// `replay --format ga4` over a GA4 export held in memory (bench/lib/ga4-export-rows.mjs writes
// one): export rows per second of CPU, the rows GA4 makes for itself (session_start, first_visit)
// read and skipped included; then the row reader alone, per row.
std::vector<Result> bench_ga4(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  std::size_t rows = 0;
  for (const char c : text) rows += c == '\n';
  if (rows == 0) {
    std::cerr << "seg_bench: no rows in " << path << "\n";
    std::exit(2);
  }
  MemoryBuffer memory(text);
  std::istream in(&memory);
  NullBuffer null;
  std::ostream out(&null);
  std::ostringstream err;
  auto start = Clock::now();
  const int code = seg::cli::run_cli({"replay", "--format", "ga4", "-"}, in, out, err);
  const double seconds = seconds_since(start);
  if (code != 0 || !err.str().empty()) {
    std::cerr << "seg_bench: replay --format ga4 failed (exit " << code << "):\n" << err.str().substr(0, 2000);
    std::exit(2);
  }
  const double per_second = static_cast<double>(rows) / seconds;
  char context[160];
  std::snprintf(context, sizeof context, " (%zu rows, %.0f bytes a row, %.2f s CPU, visitors' results included)", rows,
                static_cast<double>(text.size()) / static_cast<double>(rows), seconds);
  std::vector<Result> results;
  results.push_back({"replay_ga4", "throughput", per_second, "rows/s",
                     budget_note(per_second >= 1e6, ">= 1,000,000 export rows/s") + context});

  seg::EventLine line;
  seg::RowError error;
  std::size_t events = 0;
  start = Clock::now();
  for (std::size_t begin = 0; begin < text.size();) {
    const std::size_t end = text.find('\n', begin);
    const std::string_view row(text.data() + begin, (end == std::string::npos ? text.size() : end) - begin);
    events += seg::read_ga4_row(row, line, error) == seg::RowResult::Event;
    begin = end == std::string::npos ? text.size() : end + 1;
  }
  const double ns = seconds_since(start) * 1e9 / static_cast<double>(rows);
  results.push_back({"parse_ga4_row", "time_per_row", ns, "ns", std::to_string(events) + " events from " + std::to_string(rows) + " rows: the row reader alone"});
  return results;
}

Result peak_rss() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return {"peak_rss", "memory", static_cast<double>(usage.ru_maxrss) / 1024.0, "MB",
          "whole benchmark process, replay log text included"};
}

void print_text(const std::vector<Result>& results) {
  std::printf("shopper-segments native benchmark (CPU time of one core)\n");
  for (const Result& r : results) {
    std::printf("  %-13s %14.3f %-9s %s\n", r.name.c_str(), r.value, r.unit.c_str(), r.note.c_str());
  }
}

void print_json(const std::vector<Result>& results) {
  std::printf("{\"results\":[");
  for (std::size_t i = 0; i < results.size(); ++i) {
    const Result& r = results[i];
    std::printf("%s{\"name\":\"native.%s\",\"metric\":\"%s\",\"value\":%.6g,\"unit\":\"%s\"}", i ? "," : "",
                r.name.c_str(), r.metric.c_str(), r.value, r.unit.c_str());
  }
  std::printf("]}\n");
}

int usage() {
  std::cerr << "usage: seg_bench --events EVENTS.jsonl [--replay-events N] [--decide-config CONFIG.json]... [--ga4 EXPORT.jsonl] [--json]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string events_path;
  std::size_t count = 1000000;
  bool json = false;
  std::vector<std::string> decide_configs;
  std::string ga4_path;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--json") {
      json = true;
    } else if (arg == "--events" && i + 1 < argc) {
      events_path = argv[++i];
    } else if (arg == "--replay-events" && i + 1 < argc) {
      count = std::stoul(argv[++i]);
    } else if (arg == "--ga4" && i + 1 < argc) {
      ga4_path = argv[++i];
    } else if (arg == "--decide-config" && i + 1 < argc) {
      decide_configs.emplace_back(argv[++i]);
    } else {
      return usage();
    }
  }
  if (events_path.empty()) return usage();

  const auto compiled = seg::compile_config(seg::default_catalog_json());
  if (!compiled.program) {
    std::cerr << "seg_bench: the built-in catalogue does not compile\n";
    return 2;
  }
  seg::Millis now = 1795428000000;  // Monday 2026-11-23 10:00 UTC
  std::vector<Result> results;
  results.push_back(bench_track(compiled.program, now));
  results.push_back(bench_track_packed(compiled.program, now));
  results.push_back(bench_decide(compiled.program, now));
  results.push_back(bench_decide_repeat(compiled.program, now));
  for (const std::string& path : decide_configs) {
    std::ifstream file(path);
    const std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    const auto other = seg::compile_config(text);
    if (!file || !other.program) {
      std::cerr << "seg_bench: " << path << " does not compile\n";
      return 2;
    }
    Result r = bench_decide(other.program, now, false);
    r.name = "decide." + std::to_string(other.program->segments.size());
    results.push_back(r);
  }
  std::string log;
  results.push_back(bench_replay(events_path, count, log));
  results.push_back(bench_parse(log));
  if (!ga4_path.empty()) {
    for (Result& r : bench_ga4(ga4_path)) results.push_back(std::move(r));
  }
  results.push_back(peak_rss());
  if (json) {
    print_json(results);
  } else {
    print_text(results);
  }
  return 0;
}
