// The language descriptor (src/toolkit/language.*), which the studio renders its pickers from
// instead of web/studio/vocabulary.js. Its lists must be the compiler's: each test here asks the
// compiler whether it accepts what the descriptor offers.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "engine/time_units.hpp"
#include "toolkit/grammar.hpp"
#include "shopper_segments/language.hpp"
#include "shopper_segments/toolkit.hpp"

using namespace seg;
using nlohmann::json;

namespace {

const json& language() {
  static const json doc = json::parse(language_json());
  return doc;
}

std::vector<std::string> keys_of(const json& list) {
  std::vector<std::string> out;
  for (const auto& entry : list) out.push_back(entry["key"].get<std::string>());
  return out;
}

const json& entry(const char* section, const std::string& key) {
  static const json none;
  for (const auto& e : language()[section])
    if (e["key"] == key) return e;
  return none;
}

// The issue codes the compiler gives `rule` in a segment ("" when it compiles).
std::string issue_codes(const json& rule) {
  json config = {{"version", 1}, {"segments", json::array({{{"id", "s"}, {"rule", rule}}})}};
  std::string codes;
  for (const auto& i : compile_config(config.dump()).issues) codes += (codes.empty() ? "" : " ") + i.code;
  return codes;
}

bool compiles_as_rule(const json& rule) { return issue_codes(rule).empty(); }

// A valid rule of each kind that takes a comparison, without it.
json bare_rule(const std::string& kind) {
  if (kind == "count") return {{"count", "view_item"}};
  if (kind == "distinct" || kind == "sum" || kind == "avg") return {{kind, "purchase.value"}};
  if (kind == "share") return {{"share", "view_item"}, {"where", {{"tags", "new"}}}};
  if (kind == "trend") return {{"trend", "purchase"}, {"within", "30d"}};
  if (kind == "since") return {{"since", "purchase"}};
  if (kind == "cart") return {{"cart", "value"}};
  return {{kind, "x"}};  // trait, context
}

// A value that fits the comparison, for numbers, durations or any value.
json operand_for(const std::string& comparison, const std::string& operand) {
  const bool duration = operand == "duration";
  if (comparison == "between") return duration ? json::array({"1d", "2d"}) : json::array({0.25, 0.5});
  if (comparison == "in") return duration ? json::array({"1d"}) : json::array({0.5, 1});
  if (comparison == "exists") return true;
  if (comparison == "startsWith" || comparison == "contains") return "a";
  return duration ? json("1d") : json(0.5);
}

}  // namespace

TEST_CASE("the descriptor has every section, each entry with a key and a label") {
  for (const char* section : {"groups", "kinds", "comparisons", "cart_measures", "units", "windows", "events", "fields", "traits", "context", "weekdays"}) {
    INFO(section);
    REQUIRE(language()[section].is_array());
    CHECK_FALSE(language()[section].empty());
    for (const auto& e : language()[section]) {
      CHECK(e["key"].is_string());
      CHECK_FALSE(e["label"].get<std::string>().empty());
    }
  }
}

TEST_CASE("kinds are the compiler's rule forms, in its order, each with words of its own") {
  std::vector<std::string> forms;
  for (auto k : rule_form_keys()) forms.emplace_back(k);
  CHECK(keys_of(language()["kinds"]) == forms);
  for (const auto& kind : language()["kinds"]) {
    INFO(kind.dump());
    CHECK(kind["label"] != kind["key"]);
  }
  CHECK(keys_of(language()["groups"]) == std::vector<std::string>{"logic", "event", "cart", "other"});
  CHECK(entry("kinds", "cart")["group"] == "cart");
  CHECK(entry("kinds", "cart")["target"] == "cart");
  CHECK(entry("kinds", "all")["group"] == "logic");
  CHECK(entry("kinds", "count")["group"] == "event");
  CHECK(entry("kinds", "sequence")["group"] == "event");
  CHECK(entry("kinds", "segment")["group"] == "other");
  // Which kinds take "event.field" in their own key.
  std::map<std::string, std::string> fields;
  for (const auto& kind : language()["kinds"]) fields[kind["key"].get<std::string>()] = kind["field"].get<std::string>();
  CHECK(fields["sum"] == "required");
  CHECK(fields["avg"] == "required");
  CHECK(fields["distinct"] == "required");
  CHECK(fields["trend"] == "optional");
  CHECK(fields["count"] == "none");
  CHECK(fields["trait"] == "none");
  CHECK(entry("kinds", "count")["comparison_optional"] == true);
  CHECK(entry("kinds", "sum")["comparison_optional"] == false);
}

TEST_CASE("each kind lists exactly the comparisons the compiler accepts for it") {
  for (const auto& kind : language()["kinds"]) {
    const std::string key = kind["key"].get<std::string>();
    if (kind["operand"] == "none") {
      CHECK(kind["comparisons"].empty());
      continue;
    }
    for (const auto& comparison : language()["comparisons"]) {
      const std::string c = comparison["key"].get<std::string>();
      json rule = bare_rule(key);
      rule[c] = operand_for(c, kind["operand"].get<std::string>());
      const auto& offered = kind["comparisons"];
      const bool listed = std::find(offered.begin(), offered.end(), c) != offered.end();
      INFO(rule.dump());
      CHECK(issue_codes(rule) == (listed ? "" : "bad_comparison"));
    }
  }
  // The flags of each comparison say the same: numeric ones fit counts, duration ones fit "since".
  for (const auto& comparison : language()["comparisons"]) {
    const std::string c = comparison["key"].get<std::string>();
    const auto& count = entry("kinds", "count")["comparisons"];
    const auto& since = entry("kinds", "since")["comparisons"];
    CHECK(comparison["numeric"] == (std::find(count.begin(), count.end(), c) != count.end()));
    CHECK(comparison["duration"] == (std::find(since.begin(), since.end(), c) != since.end()));
  }
  CHECK(entry("comparisons", "gte")["label"] == "at least");
  CHECK(entry("comparisons", "startsWith")["numeric"] == false);
}

TEST_CASE("each kind lists exactly the other keys the compiler accepts for it") {
  std::vector<std::string> every_key;
  for (const auto& kind : language()["kinds"])
    for (const auto& k : kind["keys"]) every_key.push_back(k.get<std::string>());
  const std::map<std::string, json> values = {
      {"where", {{"tags", "new"}}}, {"within", "7d"}, {"ago", "7d"}, {"per", "item_id"}};
  for (const auto& kind : language()["kinds"]) {
    const std::string key = kind["key"].get<std::string>();
    if (kind["group"] == "logic" || key == "segment" || key == "sequence") continue;
    for (const auto& extra : every_key) {
      json rule = bare_rule(key);
      if (rule.contains(extra)) continue;
      rule[extra] = values.at(extra);
      rule["gte"] = key == "since" ? json("1d") : json(0.5);
      const auto& accepted = kind["keys"];
      INFO(rule.dump());
      CHECK(issue_codes(rule) == (std::find(accepted.begin(), accepted.end(), extra) != accepted.end() ? "" : "unknown_key"));
    }
  }
  // A sequence may be shifted into the past; a change may not (it compares with the window before).
  CHECK(compiles_as_rule({{"sequence", {"a", "b"}}, {"within", "7d"}, {"ago", "7d"}}));
  CHECK_FALSE(compiles_as_rule({{"trend", "purchase"}, {"within", "7d"}, {"ago", "7d"}, {"gte", 0}}));
}

TEST_CASE("units, windows and weekdays are the ones the compiler reads") {
  REQUIRE(language()["units"].size() == std::size(kDurationUnits));
  for (const auto& unit : language()["units"]) {
    const std::string text = "3" + unit["key"].get<std::string>();
    INFO(text);
    CHECK(parse_duration(text) == 3 * unit["ms"].get<Millis>());
  }
  CHECK(entry("units", "d")["label"] == "days");
  CHECK(keys_of(language()["windows"]) == std::vector<std::string>{"session", "lifetime"});
  for (const auto& w : language()["windows"]) CHECK(parse_window(w["key"].get<std::string>()).has_value());

  CHECK(keys_of(language()["weekdays"]) == std::vector<std::string>{"mon", "tue", "wed", "thu", "fri", "sat", "sun"});
  CHECK(entry("weekdays", "sat")["label"] == "Saturday");
  json days = json::array();
  for (const auto& d : language()["weekdays"]) days.push_back(d["key"]);
  const json config = {{"version", 1},
                       {"offers", json::array({{{"id", "o"}, {"slot", "hero"}, {"schedule", {{"days", days}}}}})}};
  CHECK(compile_config(config.dump()).issues.empty());
}

TEST_CASE("events with labels and fields; traits and context keys with words") {
  CHECK(entry("events", "view_item")["label"] == "viewed an item");
  CHECK(entry("events", "purchase")["label"] == "bought");
  CHECK(entry("events", "session_start")["label"] == "started a session");
  const auto& fields = entry("events", "view_item")["fields"];
  CHECK(std::find(fields.begin(), fields.end(), "tags") != fields.end());
  CHECK(std::find(fields.begin(), fields.end(), "price") != fields.end());
  CHECK(entry("fields", "price")["numeric"] == true);
  CHECK(entry("fields", "tags")["numeric"] == false);
  // Every field an event lists is described once.
  for (const auto& event : language()["events"])
    for (const auto& f : event["fields"]) CHECK_FALSE(entry("fields", f.get<std::string>()).is_null());

  CHECK(entry("traits", "customer_orders")["label"] == "number of orders");
  // The keys the widget reads from the browser (web/src/context.mjs), the time zone included.
  for (const char* key : {"locale", "language", "country", "timezone", "tz_offset", "screen_width", "referrer",
                          "referrer_host", "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "gpc", "dnt"})
    CHECK_FALSE(entry("context", key).is_null());
  // The same words serve the rule words.
  CHECK(event_label("add_to_cart") == "added to cart");
  CHECK(event_label("no_such_event").empty());
  CHECK(unit_word('w', false) == "week");
}

TEST_CASE("cart measures are exactly the ones the compiler accepts, each with words") {
  CHECK(keys_of(language()["cart_measures"]) == std::vector<std::string>{"value", "quantity", "items"});
  for (const auto& m : language()["cart_measures"]) {
    INFO(m.dump());
    CHECK(compiles_as_rule({{"cart", m["key"]}, {"gte", 1}}));
    CHECK(m["label"] != m["key"]);
  }
  CHECK(issue_codes({{"cart", "total"}, {"gte", 1}}) == "bad_value");
  CHECK(entry("events", "view_cart")["label"] == "viewed the cart");
}
