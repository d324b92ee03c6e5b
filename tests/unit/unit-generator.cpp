// The synthetic log (src/toolkit/generator.hpp): reproducible, in the replay format, and every
// segment of the built-in catalogue has members when it is replayed.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <map>
#include <string>

#include "shopper_segments/log_replay.hpp"
#include "shopper_segments/toolkit.hpp"
#include "toolkit/generator.hpp"

using namespace seg;

TEST_CASE("generate: the same visitors and seed give the same bytes, another seed others") {
  GeneratorOptions a;
  a.visitors = 100;
  a.seed = 7;
  const std::string first = generate_log(a);
  CHECK(first == generate_log(a));
  GeneratorOptions b = a;
  b.seed = 8;
  CHECK(first != generate_log(b));
  CHECK(generate_log(GeneratorOptions{0, 7}).empty());
}

TEST_CASE("generate: every line is a usable replay line and each visitor's time only moves on") {
  GeneratorOptions options;
  options.visitors = 64;
  options.seed = 3;
  const std::string log = generate_log(options);
  LogReplay replay(default_catalog_program());
  CHECK(replay.apply_lines(log) == "[]");
  std::map<std::string, long long> last;
  std::size_t lines = 0;
  for (std::size_t at = 0; at < log.size();) {
    const std::size_t end = log.find('\n', at);
    REQUIRE(end != std::string::npos);
    const auto line = nlohmann::json::parse(log.substr(at, end - at));
    const std::string visitor = line.at("visitor");
    const long long ts = line.at("ts");
    CHECK(ts >= last[visitor]);
    last[visitor] = ts;
    at = end + 1;
    ++lines;
  }
  CHECK(last.size() == 64);
  CHECK(lines > 64 * 5);
}

TEST_CASE("generate: replayed with the built-in catalogue, every segment has members") {
  GeneratorOptions options;
  options.visitors = 2000;
  options.seed = 1;
  LogReplay replay(default_catalog_program());
  REQUIRE(replay.apply_lines(generate_log(options)) == "[]");
  const auto summary = nlohmann::json::parse(replay.summary_json());
  CHECK(summary["visitors"] == 2000);
  REQUIRE(summary["segments"].size() == 19);  // the catalogue's segments (docs/CATALOG.md)
  for (const auto& s : summary["segments"]) {
    INFO(s.dump());
    CHECK(s["members"].get<long long>() > 0);
  }
}
