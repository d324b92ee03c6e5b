// What the "Why am I seeing this?" note says (src/toolkit/shopper_words.*, explain.cpp `shopper`
// and `why`): each condition as a fact about the visit in plain words, never the rule language;
// and the owner's `why` sentence, validated where it is written.
#include <doctest/doctest.h>

#include <functional>
#include <regex>
#include <string>

#include <nlohmann/json.hpp>

#include "shopper_segments/engine.hpp"
#include "shopper_segments/toolkit.hpp"

using namespace seg;
using nlohmann::json;

namespace {
const Millis t0 = 1700000000000LL;
const Millis kMinuteMs = 60 * 1000LL, kDayMs = 24 * 60 * kMinuteMs;

// The shopper sentences of a segment's rule tree, leaves in order.
std::vector<std::string> sentences(Engine& e, const std::string& segment, Millis now) {
  const json j = json::parse(explain_segment_json(e, segment, now));
  std::vector<std::string> out;
  std::function<void(const json&)> walk = [&](const json& n) {
    if (n.contains("shopper")) out.push_back(n["shopper"].get<std::string>());
    if (n.contains("children")) for (const auto& c : n["children"]) walk(c);
  };
  walk(j["tree"]);
  return out;
}

bool plain(const std::string& s) { return !std::regex_search(s, std::regex("[<>=_]|trait")); }

std::vector<std::string> issue_paths(const std::string& config) {
  std::vector<std::string> paths;
  for (const auto& issue : compile_config(config).issues) paths.push_back(issue.path + " " + issue.code);
  return paths;
}
}  // namespace

TEST_CASE("a list's sort order reads as what the shopper chose") {
  Engine e(default_catalog_program());
  REQUIRE(configure(e, R"({"version":1,"segments":[{"id":"s","rule":{"any":[
    {"count":"view_item_list","where":{"sort":"price_asc"},"within":"30d","gte":1},
    {"count":"view_item_list","where":{"sort":"price_desc"},"within":"30d","gte":1}
  ]}}]})").empty());
  e.track(Event{"view_item_list"}.str("sort", "price_asc"), t0);
  const auto lines = sentences(e, "s", t0 + 1);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] == "You browsed a product list sorted by lowest price in the last 30 days");
  CHECK(lines[1] == "You have not browsed a product list sorted by highest price in the last 30 days");
}

TEST_CASE("numbers in filters, none of a distinct count, and leaving a page read plainly") {
  Engine e(default_catalog_program());
  REQUIRE(configure(e, R"({"version":1,"segments":[{"id":"s","rule":{"any":[
    {"count":"nps","where":{"score":{"gte":9}},"within":"365d","gte":1},
    {"distinct":"purchase.item_id","within":"30d","gte":2},
    {"count":"exit_intent","within":"session","gte":1}
  ]}}]})").empty());
  e.track(Event{"page_view"}, t0);
  const auto lines = sentences(e, "s", t0 + 1);
  REQUIRE(lines.size() == 3);
  CHECK(lines[0] == "You have not answered a survey with a score of at least 9 in the last 365 days");
  CHECK(lines[1] == "You have not placed an order in the last 30 days");
  CHECK(lines[2] == "You have not started to leave a page in this visit");
  e.track(Event{"purchase"}.str("item_id", "tee"), t0 + 2);
  e.track(Event{"purchase"}.str("item_id", "cap"), t0 + 3);
  CHECK(sentences(e, "s", t0 + 4)[1] == "You bought 2 different products in the last 30 days");
}

TEST_CASE("the shop's usual account facts, when it has none, read as plain sentences") {
  Engine e(default_catalog_program());
  REQUIRE(configure(e, R"({"version":1,"segments":[{"id":"s","rule":{"any":[
    {"trait":"lifetime_value","gte":100}, {"trait":"loyalty_tier","eq":"gold"},
    {"trait":"newsletter","eq":true}, {"trait":"nps","gte":9}
  ]}}]})").empty());
  e.track(Event{"page_view"}, t0);
  CHECK(sentences(e, "s", t0 + 1) == std::vector<std::string>{
    "The shop has no total of your spending", "Your account is not in the rewards programme",
    "The shop does not know of a newsletter sign-up for your account", "You have not rated the shop"});
}

TEST_CASE("counts, filters and windows read as what the shopper did") {
  Engine e(default_catalog_program());
  REQUIRE(configure(e, R"({"version":1,"segments":[{"id":"s","rule":{"all":[
    {"count":"view_item","where":{"tags":"new"},"within":"7d","gte":2},
    {"not":{"count":"purchase","gte":1}},
    {"count":"add_to_cart","where":{"item_category":["shoes","dresses"]},"within":"session","gte":1},
    {"count":"page_view","where":{"page_type":"new_arrivals"},"within":"30d","gte":1},
    {"count":"session_start","within":"30d","gte":1}
  ]}}]})").empty());
  e.track(Event{"view_item"}.str("tags", "new"), t0);
  e.track(Event{"view_item"}.str("tags", "new"), t0 + 1);
  e.track(Event{"add_to_cart"}.str("item_category", "shoes"), t0 + 2);
  const auto lines = sentences(e, "s", t0 + 3);
  REQUIRE(lines.size() == 5);
  CHECK(lines[0] == "You looked at 2 products tagged new in the last 7 days");
  CHECK(lines[1] == "You have not placed an order yet");
  CHECK(lines[2] == "You put an item in shoes or dresses in your cart in this visit");
  CHECK(lines[3] == "You have not opened a page in the new arrivals section in the last 30 days");
  for (const auto& line : lines) CHECK_MESSAGE(plain(line), line);
}

TEST_CASE("time since, sums, shares, sequences, traits and context in plain words") {
  Engine e(default_catalog_program());
  REQUIRE(configure(e, R"({"version":1,"segments":[{"id":"s","rule":{"any":[
    {"since":"purchase","where":{"item_category":"coffee"},"gte":"21d"},
    {"sum":"purchase.value","within":"30d","gte":100},
    {"share":"view_item","where":{"tags":"sale"},"within":"30d","gte":0.5},
    {"sequence":["add_to_cart","remove_from_cart","add_to_cart"],"within":"7d"},
    {"trait":"customer_orders","gte":1},
    {"trait":"loyalty_level","eq":"gold"},
    {"context":"timezone","in":["Europe/Berlin"]},
    {"count":"wishlist_share","gte":1}
  ]}}]})").empty());
  e.track(Event{"purchase"}.str("item_category", "coffee").num("value", 40), t0);
  e.track(Event{"view_item"}.str("tags", "sale"), t0 + 25 * kDayMs);
  e.track(Event{"view_item"}, t0 + 25 * kDayMs + 1);
  e.set_context("timezone", Value::of("America/New_York"));
  const auto lines = sentences(e, "s", t0 + 25 * kDayMs + 2 * kMinuteMs);
  REQUIRE(lines.size() == 8);
  CHECK(lines[0] == "You last placed an order in coffee 25 days ago");
  CHECK(lines[1] == "The total value of your orders in the last 30 days is 40");
  CHECK(lines[2] == "50% of the products you looked at in the last 30 days were tagged sale");
  CHECK(lines[3] == "Not all of these happened in the last 7 days: you put an item in your cart, then took an item out of your cart, and then put an item in your cart");
  CHECK(lines[4] == "The shop has no order count for your account");
  CHECK(lines[5] == "Your account shows no loyalty level");
  CHECK(lines[6] == "Your device's time zone is America/New York");
  CHECK(lines[7] == "You have not done wishlist share yet");
  for (const auto& line : lines) CHECK_MESSAGE(plain(line), line);
}

TEST_CASE("the owner's why sentence reaches the explanation of a segment and of an offer") {
  Engine e(default_catalog_program());
  REQUIRE(configure(e, R"({"version":1,"segments":[{"id":"s","why":"You like new things","rule":{"count":"view_item","gte":1}}],
    "offers":[{"id":"o","slot":"hero","segments":["s"],"why":"Picked for fans of new things","content":{"title":"New"}},
              {"id":"p","slot":"hero","content":{"title":"Everyone"}}]})").empty());
  CHECK(json::parse(explain_segment_json(e, "s", t0))["why"] == "You like new things");
  CHECK(json::parse(explain_offer_json(e, "o", t0))["why"] == "Picked for fans of new things");
  CHECK(json::parse(explain_offer_json(e, "p", t0))["why"].is_null());
}

TEST_CASE("a group the shopper is outside is not worded with the members' why sentence") {
  Engine e(default_catalog_program());
  REQUIRE(configure(e, R"({"version":1,"segments":[{"id":"s","why":"You like new things","rule":{"count":"view_item","gte":1}},
    {"id":"t","rule":{"not":{"segment":"s"}}}]})").empty());
  // No view: outside "s", so inside "t"; the reason must not claim the views.
  CHECK(sentences(e, "t", t0) == std::vector<std::string>{"Your visits do not match one of the groups of shoppers this shop has"});
  e.track(Event{"view_item"}, t0);
  CHECK(sentences(e, "t", t0 + 1) == std::vector<std::string>{"You like new things"});
}

TEST_CASE("a why sentence is plain words: errors name its JSON path") {
  const auto paths = issue_paths(R"({"version":1,"segments":[
    {"id":"a","why":"","rule":{"count":"view_item"}},
    {"id":"b","why":"views >= 3","rule":{"count":"view_item"}},
    {"id":"c","why":"you did view_item","rule":{"count":"view_item"}},
    {"id":"d","why":42,"rule":{"count":"view_item"}},
    {"id":"e","why":"You looked at new things","rule":{"count":"view_item"}}],
    "offers":[{"id":"o","slot":"hero","why":")" + std::string(201, 'x') + R"(","content":{"title":"x"}}]})");
  CHECK(paths == std::vector<std::string>{"/segments/0/why bad_value", "/segments/1/why bad_value", "/segments/2/why bad_value",
                                          "/segments/3/why type_mismatch", "/offers/0/why too_large"});
}
