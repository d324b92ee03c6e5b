// The rule language's parser and validator: every issue found, each with code, path, sentence.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "shopper_segments/engine.hpp"
#include "shopper_segments/toolkit.hpp"
#include "engine/program.hpp"

using namespace seg;

namespace {

Issues issues_of(const std::string& config) { return compile_config(config).issues; }

bool has(const Issues& issues, const std::string& code, const std::string& path) {
  return std::any_of(issues.begin(), issues.end(), [&](const Issue& i) { return i.code == code && i.path == path; });
}

std::string segment_with(const std::string& rule) {
  return R"({"version":1,"segments":[{"id":"s","rule":)" + rule + "}]}";
}

}  // namespace

TEST_CASE("a valid config compiles to a program") {
  auto r = compile_config(segment_with(R"({"all":[{"count":"view_item","where":{"tags":"new"},"within":"7d","gte":3},
    {"not":{"count":"purchase","within":"lifetime","gte":1}},{"since":"purchase","gte":"90d"},
    {"sum":"purchase.value","within":"30d","gte":2000},{"trait":"loyalty_tier","in":["gold","platinum"]},
    {"context":"timezone","startsWith":"Europe/"},{"sequence":["add_to_cart","remove_from_cart","add_to_cart"],"within":"session"},
    {"share":"view_item","where":{"tags":"new"},"within":"30d","gte":0.5}]})"));
  CHECK(r.issues.empty());
  REQUIRE(static_cast<bool>(r.program));
  CHECK(r.program->segments.size() == 1);
  CHECK(r.program->features_of("view_item") != nullptr);
}

TEST_CASE("every issue is collected, not only the first") {
  auto issues = issues_of(R"({"version":1,"segments":[
    {"id":"a","rule":{"count":"view_item","within":"7days","gte":3}},
    {"id":"b","rule":{"count":"view_item","gte":"three"}},
    {"id":"c","rule":{"cuont":"view_item","gte":3}}]})");
  CHECK(has(issues, "bad_duration", "/segments/0/rule/within"));
  CHECK(has(issues, "type_mismatch", "/segments/1/rule/gte"));
  CHECK(has(issues, "unknown_key", "/segments/2/rule/cuont"));
  CHECK(has(issues, "ambiguous_rule", "/segments/2/rule"));
}

TEST_CASE("unknown keys suggest the closest known key") {
  auto issues = issues_of(segment_with(R"({"count":"view_item","witihn":"7d","gte":1})"));
  REQUIRE(has(issues, "unknown_key", "/segments/0/rule/witihn"));
  auto it = std::find_if(issues.begin(), issues.end(), [](const Issue& i) { return i.code == "unknown_key"; });
  CHECK(it->message.find("Did you mean \"within\"?") != std::string::npos);
}

TEST_CASE("JSON syntax errors say where") {
  auto issues = issues_of("{\"version\":1,");
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].code == "json_syntax");
  CHECK(issues[0].path == "");
  CHECK(issues[0].message.find("byte") != std::string::npos);
}

TEST_CASE("too deep and out of range are precise codes at the value's path, not \"not valid JSON\"") {
  const Issues deep = issues_of(segment_with(std::string(300, '[') + std::string(300, ']')));
  REQUIRE(deep.size() == 1);
  CHECK(deep[0].code == "json_too_deep");
  CHECK(deep[0].path.rfind("/segments/0/rule/0/0/", 0) == 0);
  CHECK(deep[0].message.find("256 levels") != std::string::npos);
  const Issues big = issues_of(segment_with(R"({"count":"view_item","where":{"a/b":1e400},"gte":1})"));
  REQUIRE(big.size() == 1);
  CHECK(big[0].code == "number_out_of_range");
  CHECK(big[0].path == "/segments/0/rule/where/a~1b");
  const Issues in_list = issues_of(R"({"version":1,"segments":[],"offers":[1,2,-1e999]})");
  REQUIRE(in_list.size() == 1);
  CHECK(in_list[0].code == "number_out_of_range");
  CHECK(in_list[0].path == "/offers/2");
}

TEST_CASE("version, types and required keys") {
  CHECK(has(issues_of(R"({"version":2})"), "bad_version", "/version"));
  CHECK(has(issues_of(R"({})"), "missing_key", ""));
  CHECK(has(issues_of(R"([])"), "type_mismatch", ""));
  CHECK(has(issues_of(R"({"version":1,"segments":{}})"), "type_mismatch", "/segments"));
  CHECK(has(issues_of(R"({"version":1,"segments":[{"rule":{"count":"x"}}]})"), "missing_key", "/segments/0"));
  CHECK(has(issues_of(R"({"version":1,"segments":[{"id":"Bad Id","rule":{"count":"x"}}]})"), "bad_value", "/segments/0/id"));
}

TEST_CASE("a rule has exactly one form") {
  CHECK(has(issues_of(segment_with(R"({"count":"a","sum":"b.c","gte":1})")), "ambiguous_rule", "/segments/0/rule"));
  CHECK(has(issues_of(segment_with(R"({"gte":1})")), "ambiguous_rule", "/segments/0/rule"));
  CHECK(has(issues_of(segment_with(R"("count")")), "type_mismatch", "/segments/0/rule"));
}

TEST_CASE("comparisons must fit their condition") {
  CHECK(has(issues_of(segment_with(R"({"sum":"purchase.value","gte":1,"lte":5})")), "bad_comparison", "/segments/0/rule"));
  CHECK(has(issues_of(segment_with(R"({"sum":"purchase.value"})")), "bad_comparison", "/segments/0/rule"));
  CHECK(has(issues_of(segment_with(R"({"count":"x","startsWith":"a"})")), "bad_comparison", "/segments/0/rule/startsWith"));
  CHECK(has(issues_of(segment_with(R"({"count":"x","between":[5,1]})")), "bad_comparison", "/segments/0/rule/between"));
  CHECK(has(issues_of(segment_with(R"({"since":"purchase","gte":"ninety days"})")), "bad_duration", "/segments/0/rule/gte"));
  CHECK(has(issues_of(segment_with(R"({"since":"purchase","eq":"90d"})")), "bad_comparison", "/segments/0/rule/eq"));
  CHECK(has(issues_of(segment_with(R"({"trait":"tier","in":[]})")), "bad_comparison", "/segments/0/rule/in"));
  CHECK(compile_config(segment_with(R"({"count":"x"})")).issues.empty());  // count alone means "at least one"
}

TEST_CASE("event fields, windows and filters are checked") {
  CHECK(has(issues_of(segment_with(R"({"sum":"purchase","gte":1})")), "bad_value", "/segments/0/rule/sum"));
  CHECK(has(issues_of(segment_with(R"({"share":"view_item","gte":0.5})")), "missing_key", "/segments/0/rule"));
  CHECK(has(issues_of(segment_with(R"({"trend":"purchase.value","lte":-0.5})")), "bad_duration", "/segments/0/rule"));
  CHECK(has(issues_of(segment_with(R"({"count":"x","within":"session","ago":"1d"})")), "bad_duration", "/segments/0/rule/ago"));
  CHECK(has(issues_of(segment_with(R"({"count":"x","where":{"price":{"gte":1,"lte":2}}})")), "bad_comparison",
            "/segments/0/rule/where/price"));
  CHECK(has(issues_of(segment_with(R"({"count":"x","where":{"tags":null}})")), "type_mismatch", "/segments/0/rule/where/tags"));
  CHECK(has(issues_of(segment_with(R"({"sequence":[]})")), "bad_value", "/segments/0/rule/sequence"));
  CHECK(has(issues_of(segment_with(R"({"sequence":["a",{"where":{}}]})")), "missing_key", "/segments/0/rule/sequence/1"));
}

TEST_CASE("segment references: unknown ids and cycles") {
  auto unknown = issues_of(R"({"version":1,"segments":[{"id":"loyal","rule":{"count":"x"}},{"id":"b","rule":{"segment":"loyl"}}]})");
  REQUIRE(has(unknown, "unknown_segment", "/segments/1/rule/segment"));
  CHECK(unknown.back().message.find("loyal") != std::string::npos);
  auto cycle = issues_of(R"({"version":1,"segments":[{"id":"a","rule":{"segment":"b"}},{"id":"b","rule":{"any":[{"segment":"a"}]}}]})");
  CHECK(std::any_of(cycle.begin(), cycle.end(), [](const Issue& i) { return i.code == "segment_cycle"; }));
  auto self = issues_of(R"({"version":1,"segments":[{"id":"a","rule":{"not":{"segment":"a"}}}]})");
  CHECK(std::any_of(self.begin(), self.end(), [](const Issue& i) { return i.code == "segment_cycle"; }));
}

TEST_CASE("references are evaluated before their referrers") {
  auto r = compile_config(R"({"version":1,"segments":[{"id":"a","rule":{"segment":"b"}},{"id":"b","rule":{"count":"x"}}]})");
  REQUIRE(static_cast<bool>(r.program));
  CHECK(r.program->segment_order == std::vector<int>{1, 0});
}

TEST_CASE("duplicate ids and bad offers") {
  auto issues = issues_of(R"({"version":1,"segments":[{"id":"a","rule":{"count":"x"}},{"id":"a","rule":{"count":"y"}}],
    "offers":[{"id":"o","slot":"hero","segments":["nope"],"caps":{"session":-1},"holdout":1.5,"cooldown":"soon",
               "schedule":{"days":["monday"],"hours":[20,8],"from":"2026-13-01"},"content":{"html":"<b>"}},
              {"id":"o","slot":"hero"}]})");
  CHECK(has(issues, "duplicate_id", "/segments/1/id"));
  CHECK(has(issues, "unknown_segment", "/offers/0/segments/0"));
  CHECK(has(issues, "bad_value", "/offers/0/caps/session"));
  CHECK(has(issues, "bad_value", "/offers/0/holdout"));
  CHECK(has(issues, "bad_duration", "/offers/0/cooldown"));
  CHECK(has(issues, "bad_value", "/offers/0/schedule/days/0"));
  CHECK(has(issues, "bad_value", "/offers/0/schedule/hours"));
  CHECK(has(issues, "bad_value", "/offers/0/schedule/from"));
  CHECK(has(issues, "unknown_key", "/offers/0/content/html"));
  CHECK(has(issues, "duplicate_id", "/offers/1/id"));
}

TEST_CASE("scored segments: signals, thresholds") {
  CHECK(compile_config(R"({"version":1,"segments":[{"id":"h","score":{"signals":[{"weight":2,"rule":{"count":"x"}}],"enter":2,"exit":1}}]})")
            .issues.empty());
  auto issues = issues_of(R"({"version":1,"segments":[{"id":"h","score":{"signals":[{"weight":-1,"rule":{"count":"x"}},{"weight":1}],"enter":1,"exit":3}}]})");
  CHECK(has(issues, "bad_value", "/segments/0/score/signals/0/weight"));
  CHECK(has(issues, "missing_key", "/segments/0/score/signals/1"));
  CHECK(has(issues, "bad_value", "/segments/0/score/exit"));
  CHECK(has(issues_of(R"({"version":1,"segments":[{"id":"h","rule":{"count":"x"},"score":{}}]})"), "ambiguous_rule", "/segments/0"));
}

TEST_CASE("size limits hold against huge input") {
  std::string deep = R"({"count":"x"})";
  for (int i = 0; i < 40; ++i) deep = R"({"not":)" + deep + "}";
  auto issues = issues_of(segment_with(deep));
  CHECK(std::any_of(issues.begin(), issues.end(), [](const Issue& i) { return i.code == "too_large"; }));
  std::string many = R"({"version":1,"segments":[)";
  for (int i = 0; i < 1001; ++i) many += std::string(i ? "," : "") + R"({"id":"s)" + std::to_string(i) + R"(","rule":{"count":"x"}})";
  many += "]}";
  CHECK(has(issues_of(many), "too_large", "/segments"));
  CHECK(has(issues_of(segment_with(R"({"count":"x","where":{"tags":")" + std::string(5000, 'a') + R"("}})")), "too_large",
            "/segments/0/rule/where/tags"));
}

TEST_CASE("JSON pointers escape ~ and /") {
  auto issues = issues_of(segment_with(R"({"count":"x","where":{"a/b~c":null}})"));
  CHECK(has(issues, "type_mismatch", "/segments/0/rule/where/a~1b~0c"));
}

TEST_CASE("the built-in catalogue compiles without issues") {
  auto r = compile_config(default_catalog_json());
  for (const auto& i : r.issues) INFO(i.code << " " << i.path << " " << i.message);
  CHECK(r.issues.empty());
  REQUIRE(static_cast<bool>(r.program));
  CHECK(r.program->segments.size() == 19);
}
