// LogReplay (the studio's log replay in the toolkit module): chunks of whole lines give the same
// answer as the whole log, bad lines keep their numbers across chunks, and the summary counts
// what the CLI's per-visitor lines say.
#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "cli/cli.hpp"
#include "shopper_segments/log_replay.hpp"
#include "shopper_segments/toolkit.hpp"
#include "toolkit/replay.hpp"

namespace {

const std::string kData = SEG_SOURCE_DIR "/tests/cli/data/";

std::string file_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("a log fed in chunks of whole lines gives the summary and bad lines of the whole") {
  const auto program = seg::compile_config(file_text(kData + "valid-config.json")).program;
  REQUIRE(program);
  const std::string log = file_text(kData + "mixed.jsonl");
  seg::LogReplay whole(program);
  const nlohmann::json bad_whole = nlohmann::json::parse(whole.apply_lines(log));
  const std::string summary = whole.summary_json();
  CHECK(bad_whole.size() == 3);
  CHECK(bad_whole[0]["line"] == 3);

  // Every split point at a line boundary.
  for (std::size_t cut = log.find('\n'); cut != std::string::npos; cut = log.find('\n', cut + 1)) {
    seg::LogReplay chunked(program);
    nlohmann::json bad = nlohmann::json::parse(chunked.apply_lines(std::string_view(log).substr(0, cut + 1)));
    for (const auto& more : nlohmann::json::parse(chunked.apply_lines(std::string_view(log).substr(cut + 1)))) bad.push_back(more);
    CHECK(bad == bad_whole);
    CHECK(chunked.summary_json() == summary);
  }
}

TEST_CASE("the summary counts the members and offers the CLI gives each visitor") {
  const std::string config = kData + "valid-config.json";
  const std::string log = file_text(kData + "mixed.jsonl");
  std::istringstream in(log);
  std::ostringstream out, err;
  REQUIRE(seg::cli::run_cli({"replay", "--config", config, "-"}, in, out, err) == 0);
  std::map<std::string, int> members;
  std::map<std::string, std::map<std::string, int>> offers;
  int visitors = 0;
  std::istringstream lines(out.str());
  for (std::string line; std::getline(lines, line);) {
    const auto j = nlohmann::json::parse(line);
    ++visitors;
    for (const auto& s : j["segments"]) ++members[s.get<std::string>()];
    for (const auto& [slot, offer] : j["offers"].items()) ++offers[slot][offer.is_null() ? "" : offer.get<std::string>()];
  }

  seg::LogReplay replay(seg::compile_config(file_text(config)).program);
  replay.apply_lines(log);
  const auto summary = nlohmann::json::parse(replay.summary_json());
  CHECK(summary["visitors"] == visitors);
  CHECK(summary["events"].get<int>() > 0);
  for (const auto& s : summary["segments"]) CHECK(s["members"].get<int>() == members[s["id"].get<std::string>()]);
  for (const auto& slot : summary["slots"]) {
    for (const auto& o : slot["offers"]) {
      const std::string offer = o["offer"].is_null() ? "" : o["offer"].get<std::string>();
      CHECK(o["visitors"].get<int>() == offers[slot["slot"].get<std::string>()][offer]);
    }
  }
}


TEST_CASE("memory stays bounded: a log of many one-event visitors holds at most max_live at once") {
  const auto program = seg::compile_config(file_text(kData + "valid-config.json")).program;
  REQUIRE(program);
  std::string log;
  constexpr int kVisitors = 20000;
  for (int i = 0; i < kVisitors; ++i) {
    log += R"({"visitor":"v)" + std::to_string(i) + R"(","ts":)" + std::to_string(1700000000000LL + i) +
           R"(,"type":"view_item","item_id":"sku"})" "\n";
  }
  seg::Replay bounded(program, seg::Replay::Options{std::nullopt, 64});
  std::size_t results = 0;
  bounded.set_result_sink([&](const std::string&) { ++results; });
  CHECK(bounded.apply_lines(log) == "[]");
  CHECK(bounded.live_visitors() <= 64);
  CHECK(bounded.peak_live_visitors() == 64);
  CHECK(results == kVisitors - 64);  // finished as they went
  const std::string summary = bounded.summary_json();
  bounded.finish_all();
  CHECK(results == kVisitors);
  CHECK(bounded.live_visitors() == 0);

  seg::Replay unbounded(program, seg::Replay::Options{std::nullopt, kVisitors});
  unbounded.apply_lines(log);
  CHECK(unbounded.peak_live_visitors() == kVisitors);
  CHECK(unbounded.summary_json() == summary);
  CHECK(nlohmann::json::parse(summary)["visitors"] == kVisitors);
}

TEST_CASE("a grouped log gives the same lines whatever the limit; a visitor back after being finished is a bad row") {
  const std::string config = kData + "valid-config.json";
  std::string log;  // grouped by visitor: each visitor's lines together
  for (int v = 0; v < 5; ++v) {
    for (int i = 0; i < v + 1; ++i) {
      log += R"({"visitor":"g)" + std::to_string(v) + R"(","ts":)" + std::to_string(1795428000000LL + i * 60000) +
             R"(,"type":"view_item","item_id":"i)" + std::to_string(i) + "\"}\n";
    }
  }
  const auto run = [&](const std::string& limit) {
    std::istringstream in(log);
    std::ostringstream out, err;
    CHECK(seg::cli::run_cli({"replay", "--config", config, "--max-visitors", limit, "-"}, in, out, err) == 0);
    return out.str();
  };
  CHECK(run("1") == run("1000"));
  CHECK(run("1").find(R"({"visitor":"g4","segments":["window_shopper"])") != std::string::npos);

  const auto program = seg::compile_config(file_text(config)).program;
  seg::Replay replay(program, seg::Replay::Options{std::nullopt, 2});
  const std::string interleaved =
      R"({"visitor":"a","ts":1000,"type":"view_item"})" "\n"
      R"({"visitor":"b","ts":2000,"type":"view_item"})" "\n"
      R"({"visitor":"c","ts":3000,"type":"view_item"})" "\n"   // a is finished here
      R"({"visitor":"a","ts":4000,"type":"view_item"})" "\n";
  const auto bad = nlohmann::json::parse(replay.apply_lines(interleaved));
  REQUIRE(bad.size() == 1);
  CHECK(bad[0]["line"] == 4);
  CHECK(bad[0]["code"] == "visitor_finished");
  CHECK(nlohmann::json::parse(replay.summary_json())["visitors"] == 3);
}

TEST_CASE("the studio's replay reads a GA4 export and a CSV log") {
  const auto program = seg::compile_config(std::string(seg::default_catalog_json())).program;
  seg::LogReplay ga4(program);
  std::string error;
  REQUIRE(ga4.use_format(seg::LogFormat::Ga4Export, "", error));
  CHECK(ga4.apply_lines(file_text(kData + "ga4-export.jsonl")) == "[]");
  const auto summary = nlohmann::json::parse(ga4.summary_json());
  CHECK(summary["visitors"] == 4);
  CHECK(summary["skipped"].get<int>() > 0);  // GA4's own session_start and first_visit
  CHECK(summary["bad"] == 0);
  int members = 0;
  for (const auto& s : summary["segments"]) members += s["members"].get<int>();
  CHECK(members > 0);

  seg::LogReplay csv(program);
  CHECK_FALSE(csv.use_format(seg::LogFormat::Csv, "visitor=a", error));
  REQUIRE(csv.use_format(seg::LogFormat::Csv, "visitor=user,time=at,event=action", error));
  const auto bad = nlohmann::json::parse(csv.apply_lines("user,at,action\nu1,2024-05-01T10:00:00Z,view_item\nu2,x,view_item\n"));
  REQUIRE(bad.size() == 1);
  CHECK(bad[0]["line"] == 3);
  CHECK(bad[0]["code"] == "bad_time");
  CHECK(nlohmann::json::parse(csv.summary_json())["visitors"] == 1);
}

TEST_CASE("one log line dated years ahead does not leave its visitor evaluated years from now") {
  // kClockSlack (engine/profile.hpp): the line after it, hours before it, re-dates it.
  const auto program = seg::compile_config(
      R"({"version":1,"segments":[{"id":"recent","rule":{"count":"view_item","within":"7d","gte":3}}]})").program;
  REQUIRE(program);
  seg::Replay replay(program);
  const std::string t0 = "1795428000000", ahead = "1953194400000", t1 = "1795428060000";
  const std::string log = R"({"visitor":"v1","ts":)" + t0 + R"(,"type":"view_item"})" "\n"
                          R"({"visitor":"v1","ts":)" + ahead + R"(,"type":"view_item"})" "\n"
                          R"({"visitor":"v1","ts":)" + t1 + R"(,"type":"view_item"})" "\n";
  CHECK(replay.apply_lines(log) == "[]");
  std::string line;
  replay.set_result_sink([&](const std::string& l) { line = l; });
  replay.finish_all();
  CHECK(nlohmann::json::parse(line)["segments"] == nlohmann::json::array({"recent"}));
}

TEST_CASE("a visitor's last line dated years ahead leaves it evaluated at its present, as the page does") {
  // kClockSlack: a jump ahead moves the present only once a next line confirms it; here none does.
  const auto program = seg::compile_config(
      R"({"version":1,"segments":[{"id":"recent","rule":{"count":"view_item","within":"7d","gte":3}},
                                  {"id":"ever","rule":{"count":"view_item","gte":4}}]})").program;
  REQUIRE(program);
  const std::string t0 = "1795428000000", t1 = "1795428060000", t2 = "1795428120000", ahead = "1953194400000";
  const auto line = [](const std::string& ts) { return R"({"visitor":"v1","ts":)" + ts + R"(,"type":"view_item"})" "\n"; };
  const auto result_of = [&](const std::string& log) {
    seg::Replay replay(program);
    REQUIRE(replay.apply_lines(log) == "[]");
    std::string out;
    replay.set_result_sink([&](const std::string& l) { out = l; });
    replay.finish_all();
    return nlohmann::json::parse(out)["segments"];
  };
  // Three views in a minute, then one line years ahead: still three views this week, four ever.
  CHECK(result_of(line(t0) + line(t1) + line(t2) + line(ahead)) == nlohmann::json::array({"recent", "ever"}));
  // Confirmed by a second line as far ahead: the present moved, and this week has only the two.
  CHECK(result_of(line(t0) + line(t1) + line(t2) + line(ahead) + line(ahead)) == nlohmann::json::array({"ever"}));
}

TEST_CASE("evaluated as of --now: lines dated after it are left out, lifetime totals included, and counted") {
  const auto program = seg::compile_config(
      R"({"version":1,"segments":[{"id":"ever","rule":{"count":"view_item","gte":2}}]})").program;
  REQUIRE(program);
  seg::Replay::Options options;
  options.now = 1795428060000;
  seg::Replay replay(program, options);
  const std::string log = R"({"visitor":"v1","ts":1795428000000,"type":"view_item"})" "\n"
                          R"({"visitor":"v1","ts":1795428120000,"type":"view_item"})" "\n"   // after --now
                          R"({"visitor":"v2","ts":1795429000000,"type":"view_item"})" "\n";  // only after --now
  REQUIRE(replay.apply_lines(log) == "[]");
  const auto summary = nlohmann::json::parse(replay.summary_json());
  CHECK(summary["after_now"] == 2);
  CHECK(summary["visitors"] == 1);
  CHECK(summary["events"] == 1);
  CHECK(summary["segments"][0]["members"] == 0);
}

TEST_CASE("per-node counts: for every rule node, the visitors for whom it holds") {
  const auto program = seg::compile_config(R"({"version":1,"segments":[
    {"id":"browsed_and_bought","rule":{"all":[{"count":"view_item","gte":2},{"not":{"count":"purchase","gte":1}}]}}]})").program;
  REQUIRE(program);
  seg::LogReplay replay(program);
  replay.count_nodes(true);
  const std::string log =
      R"({"visitor":"a","ts":1000,"type":"view_item"})" "\n"
      R"({"visitor":"a","ts":2000,"type":"view_item"})" "\n"           // a: 2 views, no purchase: holds
      R"({"visitor":"b","ts":1000,"type":"view_item"})" "\n"
      R"({"visitor":"b","ts":2000,"type":"view_item"})" "\n"
      R"({"visitor":"b","ts":3000,"type":"purchase"})" "\n"            // b: views, but bought
      R"({"visitor":"c","ts":1000,"type":"purchase"})" "\n";           // c: bought only
  REQUIRE(replay.apply_lines(log) == "[]");
  const auto summary = nlohmann::json::parse(replay.summary_json());
  std::map<std::string, int> holds;
  for (const auto& node : summary["nodes"]) holds[node["path"].get<std::string>()] = node["visitors"].get<int>();
  CHECK(holds["/segments/0/rule"] == 1);
  CHECK(holds["/segments/0/rule/all/0"] == 2);
  CHECK(holds["/segments/0/rule/all/1"] == 1);
  CHECK(holds["/segments/0/rule/all/1/not"] == 2);
  CHECK(summary["segments"][0]["members"] == holds["/segments/0/rule"]);

  seg::LogReplay plain(program);  // off unless asked
  plain.apply_lines(log);
  CHECK_FALSE(nlohmann::json::parse(plain.summary_json()).contains("nodes"));
}
