// Rules and segments in words (src/toolkit/describe.*, rule_words.*): what the studio shows beside
// each condition and in its catalogue. Ported from web/studio/describe.js, which these replace:
// the same facts, in words an owner reads (labels and names, never ids where a name exists, and
// no comparison signs).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <string>

#include "shopper_segments/describe.hpp"
#include "shopper_segments/toolkit.hpp"

using namespace seg;

namespace {

std::string words(const std::string& json) {
  const Description d = describe(json);
  INFO(json);
  CHECK(d.issues.empty());
  return d.words;
}

}  // namespace

TEST_CASE("counts read as how often the visitor did something, with filter and window") {
  CHECK(words(R"({"count":"view_item","where":{"tags":"new"},"within":"7d","gte":3})") ==
        "viewed an item (tags is new) at least 3 times in the last 7 days");
  CHECK(words(R"({"count":"add_to_cart"})") == "added to cart at least once");
  CHECK(words(R"({"count":"purchase","within":"session","gte":1})") == "bought at least once in this session");
  CHECK(words(R"({"count":"purchase","within":"lifetime","eq":1})") == "bought exactly once ever");
  CHECK(words(R"({"count":"purchase","lte":1,"within":"1d"})") == "bought at most once in the last day");
  CHECK(words(R"({"count":"view_item","gt":2,"within":"12h"})") == "viewed an item more than twice in the last 12 hours");
  CHECK(words(R"({"count":"view_item","between":[2,4]})") == "viewed an item between 2 and 4 times");
  CHECK(words(R"({"count":"purchase","eq":0,"within":"30d"})") == "never bought in the last 30 days");
  CHECK(words(R"({"count":"view_item","per":"item_id","within":"7d","gte":3})") ==
        "viewed an item for the same item_id at least 3 times in the last 7 days");
  // An event the language has no label for keeps its name.
  CHECK(words(R"({"count":"wishlist_share","gte":2})") == "did \"wishlist_share\" at least twice");
}

TEST_CASE("filters: one of, comparisons, set or not, in the owner's order") {
  CHECK(words(R"({"count":"view_item","where":{"tags":["new","sale"],"price":{"gte":100}}})") ==
        "viewed an item (tags is one of new or sale and price is at least 100) at least once");
  CHECK(words(R"({"count":"purchase","where":{"coupon":{"exists":false}}})") == "bought (coupon is not set) at least once");
  CHECK(words(R"({"count":"purchase","where":{"price":{"gte":10},"coupon":"WELCOME"}})") ==
        "bought (price is at least 10 and coupon is WELCOME) at least once");
}

TEST_CASE("never: a count negated reads as never having done it") {
  CHECK(words(R"({"not":{"count":"purchase","within":"lifetime","gte":1}})") == "never bought");
  CHECK(words(R"({"not":{"count":"purchase","within":"7d"}})") == "never bought in the last 7 days");
  CHECK(words(R"({"not":{"count":"purchase","gte":3}})") == "NOT (bought at least 3 times)");
  CHECK(words(R"({"not":{"segment":"vip"}})") == "not in the segment \"vip\"");
}

TEST_CASE("windows shifted into the past") {
  CHECK(words(R"({"sum":"purchase.value","within":"90d","ago":"90d","gte":200})") ==
        "bought in the 90 days before the last 90 days: the total value is at least 200");
  CHECK(words(R"({"count":"view_item","within":"30d","ago":"60d"})") ==
        "viewed an item at least once in the 30 days that ended 60 days ago");
  CHECK(words(R"({"count":"view_item","within":604800000})") == "viewed an item at least once in the last week");
}

TEST_CASE("measures: different values, totals, averages, shares, changes and time since") {
  CHECK(words(R"({"distinct":"purchase.item_id","within":"30d","gte":10})") ==
        "bought in the last 30 days: at least 10 different item_id values");
  CHECK(words(R"({"sum":"purchase.value","within":"lifetime","gte":1000})") == "bought ever: the total value is at least 1000");
  CHECK(words(R"({"avg":"purchase.value","gt":250})") == "bought: the average value is more than 250");
  CHECK(words(R"({"share":"view_item","where":{"tags":"new"},"within":"30d","gte":0.5})") ==
        "viewed an item in the last 30 days: the share where tags is new is at least 50%");
  CHECK(words(R"({"trend":"purchase.value","within":"90d","lte":-0.5})") ==
        "bought in the last 90 days: the total value fell by at least 50% against the 90 days before");
  CHECK(words(R"({"trend":"view_item","within":"7d","gte":0.2})") ==
        "viewed an item in the last 7 days: the number of times rose by at least 20% against the 7 days before");
  CHECK(words(R"({"trend":"view_item","within":"7d","between":[-0.1,0.1]})") ==
        "viewed an item in the last 7 days: the number of times changed by between -10% and 10% against the 7 days before");
  CHECK(words(R"({"since":"purchase","where":{"item_category":"coffee"},"between":["21d","35d"]})") ==
        "bought (item_category is coffee): the last time was between 21 days and 35 days ago");
  CHECK(words(R"({"since":"add_to_cart","gte":"30m"})") == "added to cart: the last time was at least 30 minutes ago");
  CHECK(words(R"({"since":"add_to_cart","lt":3600000})") == "added to cart: the last time was less than 1 hour ago");
}

TEST_CASE("sequences, traits, context and segments") {
  CHECK(words(R"({"sequence":["add_to_cart","remove_from_cart",{"event":"add_to_cart","where":{"price":{"gte":50}}}],"within":"session"})") ==
        "added to cart, then removed from cart, then added to cart (price is at least 50), in this session");
  CHECK(words(R"({"trait":"loyalty_tier","in":["gold","platinum"]})") == "the loyalty tier is one of gold or platinum");
  CHECK(words(R"({"trait":"customer_orders","exists":false})") == "the number of orders is not set");
  CHECK(words(R"({"trait":"favourite_colour","eq":"blue"})") == "the trait favourite_colour is blue");
  CHECK(words(R"({"context":"timezone","startsWith":"Europe/"})") == "the time zone starts with Europe/");
  CHECK(words(R"({"context":"screen_width","lt":768})") == "the screen width is less than 768");
  CHECK(words(R"({"context":"theme","ne":"dark"})") == "the context value theme is not dark");
  CHECK(words(R"({"segment":"loyal_customer"})") == "in the segment \"loyal_customer\"");
}

TEST_CASE("referenced segments are named by their names when the segments come along") {
  const std::string request = R"({"describe":{"all":[{"segment":"loyal_customer"},{"not":{"segment":"new_prospect"}}]},
    "segments":[{"id":"loyal_customer","name":"Loyal customer"},{"id":"new_prospect"}]})";
  CHECK(words(request) == "in the segment \"Loyal customer\" AND not in the segment \"new_prospect\"");
}

TEST_CASE("all, any and not: groups inside groups are bracketed") {
  CHECK(words(R"({"all":[{"count":"view_item"},{"any":[{"count":"purchase"},{"count":"add_to_cart"}]}]})") ==
        "viewed an item at least once AND (bought at least once OR added to cart at least once)");
  CHECK(words(R"({"any":[{"count":"view_item"},{"all":[{"count":"purchase"}]}]})") ==
        "viewed an item at least once OR bought at least once");
  CHECK(words(R"({"all":[]})") == "always");
  CHECK(words(R"({"any":[]})") == "never (no alternatives)");
}

TEST_CASE("segments: a rule, or weighted signals with enter and exit") {
  CHECK(words(R"({"id":"s","rule":{"count":"purchase","within":"session"}})") == "bought at least once in this session");
  CHECK(words(R"({"id":"h","score":{"signals":[
      {"weight":2,"label":"cart add/remove cycles","rule":{"sequence":["add_to_cart","remove_from_cart"]}},
      {"weight":1,"rule":{"count":"view_size_guide","within":"30d"}}],"enter":3,"exit":2}})") ==
        "a score of at least 3 (once in, until it falls below 2) from 2 signals: cart add/remove cycles (+2); "
        "viewed the size guide at least once in the last 30 days (+1)");
  CHECK(words(R"({"id":"one","score":{"signals":[{"weight":1,"rule":{"count":"a"}}],"enter":1,"exit":1}})") ==
        "a score of at least 1 from 1 signal: did \"a\" at least once (+1)");
  CHECK(words(R"({"id":"nothing"})") == "");
}

TEST_CASE("the built-in catalogue reads without comparison signs or ids of named segments") {
  const auto catalog = nlohmann::json::parse(default_catalog_json());
  for (const auto& segment : catalog["segments"]) {
    nlohmann::json request;
    request["describe"] = segment;
    request["segments"] = catalog["segments"];
    const std::string text = words(request.dump());
    INFO(segment["id"].get<std::string>() << ": " << text);
    CHECK(text.size() > 10);
    for (const char* sign : {">=", "<=", "!=", " = ", " > ", " < ", "\xE2\x89\xA5", "\xE2\x89\xA4", "\xE2\x89\xA0", "\xE2\x86\x92"})
      CHECK(text.find(sign) == std::string::npos);
    CHECK(text.find("(unrecognised") == std::string::npos);
  }
  for (const auto& offer : catalog["offers"]) {
    if (!offer.contains("rule")) continue;
    nlohmann::json request;
    request["describe"] = offer["rule"];
    request["segments"] = catalog["segments"];
    const std::string text = words(request.dump());
    INFO(offer["id"].get<std::string>() << ": " << text);
    CHECK(text.find("cart_abandoner") == std::string::npos);  // named "Cart abandoner"
  }
}

TEST_CASE("anything half-typed or malformed still reads as something, and bad JSON is an issue") {
  CHECK(words("{}") == "(unrecognised rule)");
  CHECK(words("5") == "(not a rule)");
  CHECK(words(R"({"all":5})") == "all of (a list is needed)");
  CHECK(words(R"({"sequence":"x"})") == "(a sequence without steps)");
  CHECK(words(R"({"count":5,"gte":"two"})") == "did (no event) at least two times");
  CHECK(words(R"({"sum":"purchase","gte":1})") == "bought: the total (no field) is at least 1");
  CHECK(words(R"({"since":"purchase"})") == "bought: the last time was (needs a comparison)");
  CHECK(words(R"({"count":"view_item","within":"7 dayz"})") == "viewed an item at least once within 7 dayz");
  // Durations in words are durations (docs/RULES.md "Durations and windows").
  CHECK(words(R"({"count":"view_item","within":"7 days"})") == "viewed an item at least once in the last 7 days");
  CHECK(words(R"({"count":"view_item","within":"1 week"})") == words(R"({"count":"view_item","within":"1w"})"));
  CHECK(words(R"({"trait":"x","exists":"maybe"})") == "the trait x is set or not (maybe)");
  // Deeper than the compiler allows: cut short, not a stack overflow.
  std::string deep = R"({"count":"a"})";
  for (int i = 0; i < 200; ++i) deep = R"({"not":)" + deep + "}";
  CHECK(words(deep).find("...") != std::string::npos);

  const Description bad = describe("{\"count\":");
  CHECK(bad.words.empty());
  REQUIRE(bad.issues.size() == 1);
  CHECK(bad.issues[0].code == "json_syntax");
}

TEST_CASE("the cart reads as what is in it now, in words") {
  CHECK(words(R"({"cart":"value","lt":50})") == "the value of the cart is less than 50");
  CHECK(words(R"({"cart":"quantity","gte":1})") == "the number of items in the cart is at least 1");
  CHECK(words(R"({"cart":"items","where":{"tags":"sale"},"gte":1})") ==
        "the number of different products in the cart (tags is sale) is at least 1");
  CHECK(words(R"({"not":{"cart":"quantity","gte":1}})") == "NOT (the number of items in the cart is at least 1)");
  CHECK(words(R"({"cart":"value","between":[20,50]})") == "the value of the cart is between 20 and 50");
}
