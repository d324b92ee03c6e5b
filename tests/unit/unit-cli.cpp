// shopper-segments run in-process (src/cli/cli.cpp): validate, replay and explain, their output
// formats, exit codes and the handling of bad input.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.hpp"

namespace {

const std::string kData = SEG_SOURCE_DIR "/tests/cli/data/";

struct Run {
  int code;
  std::string out;
  std::string err;
};

Run run(std::vector<std::string> args, const std::string& input = "") {
  std::istringstream in(input);
  std::ostringstream out;
  std::ostringstream err;
  const int code = seg::cli::run_cli(args, in, out, err);
  return {code, out.str(), err.str()};
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace

TEST_CASE("validate: a valid configuration exits 0") {
  const Run r = run({"validate", kData + "valid-config.json"});
  CHECK(r.code == 0);
  CHECK(r.out.find(": valid") != std::string::npos);
  CHECK(r.err.empty());
  CHECK(run({"validate", SEG_CATALOG_PATH}).code == 0);
}

TEST_CASE("validate --json: every issue with code, path and message") {
  const Run r = run({"validate", kData + "invalid-config.json", "--json"});
  CHECK(r.code == 1);
  const auto doc = nlohmann::json::parse(r.out);
  CHECK(doc["ok"] == false);
  REQUIRE(doc["issues"].size() >= 2);  // "witin" and "offerz"
  bool names_witin = false;
  bool names_offerz = false;
  for (const auto& issue : doc["issues"]) {
    CHECK(issue["code"].is_string());
    CHECK(issue["message"].get<std::string>().size() > 0);
    names_witin = names_witin || issue["path"].get<std::string>().find("/segments/0/rule") == 0;
    names_offerz = names_offerz || issue["path"] == "/offerz";
  }
  CHECK(names_witin);
  CHECK(names_offerz);
  CHECK(run({"validate", kData + "valid-config.json", "--json"}).out == "{\"ok\":true,\"issues\":[]}\n");
}

TEST_CASE("validate: text output lists every issue with its path and code") {
  const Run r = run({"validate", kData + "invalid-config.json"});
  CHECK(r.code == 1);
  CHECK(r.out.find("unknown_key") != std::string::npos);
  CHECK(r.out.find("/offerz") != std::string::npos);
}

TEST_CASE("usage errors exit 2 and say what is wrong") {
  CHECK(run({}).code == 2);
  CHECK(run({"frobnicate"}).err.find("unknown command") != std::string::npos);
  CHECK(run({"validate"}).code == 2);
  CHECK(run({"validate", kData + "missing.json"}).err.find("cannot read") != std::string::npos);
  CHECK(run({"replay", "--now", "x", "-"}).code == 2);
  CHECK(run({"replay", "--config"}).err.find("--config needs a value") != std::string::npos);
  CHECK(run({"replay", "a.jsonl", "b.jsonl"}).code == 2);
  CHECK(run({"explain", "--visitor", "v1", "-"}).err.find("--segment") != std::string::npos);
  CHECK(run({"--help"}).code == 0);
}

TEST_CASE("replay: one line per visitor in order of first appearance, at each visitor's last event") {
  const std::string log =
      R"({"visitor":"late","ts":1795428000000,"type":"page_view","page_type":"home"})" "\n"
      R"({"visitor":"v1","ts":1795428000000,"type":"view_item","item_id":"a"})" "\n"
      R"({"visitor":"v1","ts":1795428060000,"type":"view_item","item_id":"b"})" "\n"
      R"({"visitor":"late","ts":1795428070000,"type":"page_view","page_type":"home"})" "\n"
      R"({"visitor":"v1","ts":1795428120000,"type":"view_item","item_id":"c"})" "\n";
  const Run r = run({"replay", "--config", kData + "rich-config.json", "-"}, log);
  CHECK(r.code == 0);
  CHECK(r.err.empty());
  const auto lines = lines_of(r.out);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] == R"({"visitor":"late","segments":[],"offers":{"banner":null,"hero":null}})");
  CHECK(lines[1] == R"({"visitor":"v1","segments":["window_shopper"],"offers":{"banner":"browse_banner","hero":null}})");
}

TEST_CASE("replay: --now evaluates every visitor at that time") {
  const std::string log =
      R"({"visitor":"v1","ts":1795428000000,"type":"view_item","item_id":"a"})" "\n"
      R"({"visitor":"v1","ts":1795428000001,"type":"view_item","item_id":"b"})" "\n"
      R"({"visitor":"v1","ts":1795428000002,"type":"view_item","item_id":"c"})" "\n";
  const std::string config = kData + "rich-config.json";
  CHECK(run({"replay", "--config", config, "-"}, log).out.find("[\"window_shopper\"]") != std::string::npos);
  const Run later = run({"replay", "--config=" + config, "--now", "1797000000000", "-"}, log);  // +18 days
  CHECK(later.out == "{\"visitor\":\"v1\",\"segments\":[],\"offers\":{\"banner\":null,\"hero\":null}}\n");
}

TEST_CASE("replay: traits, context, purchase items and records reach the visitor's engine") {
  const std::string log =
      R"({"visitor":"v1","ts":1795428000000,"traits":{"loyalty_tier":"gold"}})" "\n"
      R"({"visitor":"v1","ts":1795428000000,"context":{"timezone":"Europe/Berlin","tz_offset":60}})" "\n"
      R"({"visitor":"v1","ts":1795428000000,"type":"purchase","value":80,"items":[{"item_id":"s1","item_category":"shoes"}]})" "\n"
      R"({"visitor":"v1","ts":1795428010000,"type":"view_item","item_id":"a"})" "\n"
      R"({"visitor":"v1","ts":1795428020000,"type":"view_item","item_id":"b"})" "\n"
      R"({"visitor":"v1","ts":1795428030000,"type":"view_item","item_id":"c"})" "\n";
  const std::string config = kData + "rich-config.json";
  const Run r = run({"replay", "--config", config, "-"}, log);
  CHECK(r.err.empty());
  CHECK(r.out ==
        R"({"visitor":"v1","segments":["window_shopper","gold_member","european","shoe_buyer"],)"
        R"("offers":{"banner":"browse_banner","hero":"gold_hero"}})" "\n");

  // The banner is capped at one show per session: once recorded as shown it is not offered again.
  const Run shown = run({"replay", "--config", config, "-"},
                        log + R"({"visitor":"v1","ts":1795428040000,"record":{"offer":"browse_banner","outcome":"shown"}})" "\n");
  CHECK(shown.err.empty());
  CHECK(shown.out.find(R"("banner":null)") != std::string::npos);
}

TEST_CASE("replay: a bad line is reported with its line number and skipped; the run goes on") {
  const std::string log =
      R"({"visitor":"v1","ts":1795428000000,"type":"view_item","item_id":"a"})" "\n"
      "not json\n"
      "\n"
      R"({"visitor":"v1","ts":1795428000000,"record":{"offer":"no_such_offer","outcome":"shown"}})" "\n"
      R"({"visitor":"v2","ts":1795428000000})" "\n"
      R"({"visitor":"v2","ts":1795428000000,"type":"view_item"})";  // last line without newline
  const Run r = run({"replay", "--config", kData + "rich-config.json", "-"}, log);
  CHECK(r.code == 0);
  CHECK(r.err.find("<stdin>:2: not valid JSON") != std::string::npos);
  CHECK(r.err.find("<stdin>:4: record names an offer the configuration does not have") != std::string::npos);
  CHECK(r.err.find("<stdin>:5: ") != std::string::npos);
  CHECK(r.err.find("skipped 3 bad lines of 5") != std::string::npos);
  CHECK(lines_of(r.out).size() == 2);
}

TEST_CASE("replay: without --config the built-in catalogue decides") {
  const Run r = run({"replay", "-"}, R"({"visitor":"v1","ts":1795428000000,"type":"page_view","page_type":"home"})" "\n");
  CHECK(r.code == 0);
  const auto doc = nlohmann::json::parse(lines_of(r.out).at(0));
  CHECK(doc["visitor"] == "v1");
  CHECK(doc["segments"].is_array());
  CHECK(doc["offers"].is_object());
  CHECK_FALSE(doc["offers"].empty());
}

TEST_CASE("replay: an invalid --config is refused with its issues and nothing is replayed") {
  const Run r = run({"replay", "--config", kData + "invalid-config.json", "-"},
                    R"({"visitor":"v1","ts":1,"type":"x"})" "\n");
  CHECK(r.code == 1);
  CHECK(r.out.empty());
  CHECK(r.err.find("unknown_key") != std::string::npos);
}

TEST_CASE("explain: the rule tree of one segment for one visitor, as JSON") {
  const std::string log =
      R"({"visitor":"v1","ts":1795428000000,"type":"view_item","item_id":"a"})" "\n"
      R"({"visitor":"v2","ts":1795428000000,"type":"view_item","item_id":"a"})" "\n";
  const std::string config = kData + "rich-config.json";
  const Run r = run({"explain", "--config", config, "--visitor", "v1", "--segment", "window_shopper", "-"}, log);
  CHECK(r.code == 0);
  const auto doc = nlohmann::json::parse(r.out);
  CHECK(doc.dump().find("window_shopper") != std::string::npos);
  CHECK(run({"explain", "--config", config, "--visitor", "v3", "--segment", "window_shopper", "-"}, log).code == 1);
  CHECK(run({"explain", "--config", config, "--visitor", "v1", "--segment", "nope", "-"}, log).code == 1);
}

TEST_CASE("every command given a directory exits 2 with \"cannot read\", never 0 or \"not valid JSON\"") {
  // A directory opens like an empty file: replay printed nothing and exited 0, validate said
  // "not valid JSON".
  const std::string dir = kData;  // tests/cli/data/ is a directory
  const std::vector<std::vector<std::string>> commands = {
      {"validate", dir},
      {"validate", "--json", dir},
      {"compile", dir, "-o", dir + "never-written.bin"},
      {"inspect", dir},
      {"inspect", "--json", dir},
      {"replay", dir},
      {"replay", "--config", dir, kData + "mixed.jsonl"},
      {"explain", "--visitor", "v1", "--segment", "s", dir},
      {"explain", "--config", dir, "--visitor", "v1", "--segment", "s", kData + "mixed.jsonl"},
  };
  for (const auto& args : commands) {
    const Run r = run(args);
    INFO(args[0] << " " << args[1]);
    CHECK(r.code == 2);
    CHECK(r.err.find("cannot read") != std::string::npos);
    CHECK(r.err.find("not valid JSON") == std::string::npos);
    CHECK(r.out.empty());
  }
}

TEST_CASE("--json output is valid UTF-8 JSON even when the input is not UTF-8") {
  // The issue quoted the bytes near the break, invalid UTF-8 included, into the JSON answer.
  const std::string path = (std::filesystem::temp_directory_path() / "seg-unit-cli-latin1.json").string();
  {
    std::ofstream file(path, std::ios::binary);
    file << "{\"version\":1,\"segments\":[{\"id\":\"caf\xe9\xff\xfe\",\"name\":\"\xc3\"}]}";
  }
  const Run r = run({"validate", "--json", path});
  std::filesystem::remove(path);
  CHECK(r.code == 1);
  REQUIRE(nlohmann::json::accept(r.out));  // nlohmann refuses invalid UTF-8
  const auto answer = nlohmann::json::parse(r.out);
  CHECK(answer["ok"] == false);
  CHECK(answer["issues"][0]["code"] == "json_syntax");
  CHECK(answer["issues"][0]["message"].get<std::string>().find("\xEF\xBF\xBD") != std::string::npos);  // U+FFFD

  // Cut inside a character: 20 bytes of two-byte characters near the break.
  const std::string cut_path = (std::filesystem::temp_directory_path() / "seg-unit-cli-cut.json").string();
  {
    std::ofstream file(cut_path, std::ios::binary);
    file << "{\"version\":1,\"segments\":[{\"id\":\"x\"}] ,,\"a\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\"}";
  }
  const Run cut = run({"validate", "--json", cut_path});
  std::filesystem::remove(cut_path);
  CHECK(cut.code == 1);
  CHECK(nlohmann::json::accept(cut.out));
}
