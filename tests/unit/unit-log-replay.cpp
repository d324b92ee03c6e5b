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
  replay.each_result(std::nullopt, [&](const std::string& l) { line = l; });
  CHECK(nlohmann::json::parse(line)["segments"] == nlohmann::json::array({"recent"}));
}
