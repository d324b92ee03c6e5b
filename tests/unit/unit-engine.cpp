// The Engine facade: configuration swaps, bad input, explanations.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>

#include <nlohmann/json.hpp>

#include "shopper_segments/engine.hpp"
#include "shopper_segments/toolkit.hpp"
#include "engine/program.hpp"
#include "engine/visitor.hpp"
#include "engine/time_units.hpp"

using namespace seg;
using nlohmann::json;

namespace {
const Millis t0 = 1700000000000LL;
const char* kTrend = R"({"version":1,"segments":[{"id":"trend","name":"Trend follower","rule":{"all":[
  {"count":"view_item","where":{"tags":"new"},"within":"7d","gte":3},{"not":{"count":"purchase"}}]}}]})";
}

TEST_CASE("an invalid config never replaces a working one") {
  Engine e(seg::default_catalog_program());
  REQUIRE(seg::configure(e, kTrend).empty());
  for (int i = 0; i < 3; ++i) e.track(Event{"view_item"}.str("tags", "new"), t0 + i);
  CHECK(e.segments(t0 + 5).at(0).member);
  auto issues = seg::configure(e, R"({"version":1,"segments":[{"id":"x","rule":{"count":"a","gte":"oops"}}]})");
  CHECK_FALSE(issues.empty());
  auto s = e.segments(t0 + 5);
  REQUIRE(s.size() == 1);
  CHECK(s[0].id == "trend");
  CHECK(s[0].member);
}

TEST_CASE("a new config keeps the profile's answers for questions it shares") {
  Engine e(seg::default_catalog_program());
  REQUIRE(seg::configure(e, kTrend).empty());
  for (int i = 0; i < 3; ++i) e.track(Event{"view_item"}.str("tags", "new"), t0 + i);
  REQUIRE(seg::configure(e, R"({"version":1,"segments":[{"id":"new_fan","rule":{"count":"view_item","where":{"tags":"new"},"within":"7d","gte":2}}]})").empty());
  CHECK(e.segments(t0 + 5).at(0).member);
}

TEST_CASE("the built-in catalogue is what a new engine runs") {
  Engine e(seg::default_catalog_program());
  CHECK(e.segments(t0).size() == 19);
  auto catalog = json::parse(default_catalog_json());
  CHECK(catalog["segments"].size() == 19);
}

TEST_CASE("NaN, infinite and negative amounts never poison sums") {
  Engine e(seg::default_catalog_program());
  REQUIRE(seg::configure(e, R"({"version":1,"segments":[{"id":"s","rule":{"sum":"purchase.value","gte":10}}]})").empty());
  e.track(Event{"purchase"}.num("value", std::nan("")), t0);
  e.track(Event{"purchase"}.num("value", std::numeric_limits<double>::infinity()), t0 + 1);
  e.track(Event{"purchase"}.num("value", -5), t0 + 2);
  e.track(Event{"purchase"}.num("value", 12), t0 + 3);
  CHECK(e.segments(t0 + 4).at(0).member);
  const std::string saved = e.save(t0 + 4);
  Engine back(seg::default_catalog_program());
  REQUIRE(seg::configure(back, R"({"version":1,"segments":[{"id":"s","rule":{"sum":"purchase.value","gte":10}}]})").empty());
  CHECK(back.load(saved, t0 + 5).empty());
  CHECK(back.segments(t0 + 5).at(0).member);
}

TEST_CASE("huge strings and many fields are bounded") {
  Engine e(seg::default_catalog_program());
  Event big{std::string(100000, 'x')};
  for (int i = 0; i < 1000; ++i) big.str("tags", std::string(10000, 'y'));
  e.track(big, t0);
  CHECK(e.save(t0).size() <= 16 * 1024);
  e.set_trait(std::string(1000, 'k'), Value::of("v"));
  for (int i = 0; i < 200; ++i) e.set_trait("t" + std::to_string(i), Value::of(1.0));
  auto saved = json::parse(e.save(t0));
  CHECK(saved["traits"].size() <= 64);
}

TEST_CASE("explain gives the tree, values and the nearest unmet condition") {
  Engine e(seg::default_catalog_program());
  REQUIRE(seg::configure(e, kTrend).empty());
  e.track(Event{"view_item"}.str("tags", "new"), t0);
  e.track(Event{"view_item"}.str("tags", "new"), t0 + 1);
  auto j = json::parse(seg::explain_segment_json(e, "trend", t0 + 2));
  CHECK(j["member"] == false);
  CHECK(j["name"] == "Trend follower");
  CHECK(j["tree"]["kind"] == "all");
  CHECK(j["tree"]["children"][0]["value"] == 2);
  CHECK(j["tree"]["children"][0]["held"] == false);
  CHECK(j["tree"]["children"][0]["path"] == "/segments/0/rule/all/0");
  CHECK(j["tree"]["children"][1]["held"] == true);
  CHECK(j["nearest"] == "1 more view_item where tags = \"new\" within 7d");
  e.track(Event{"view_item"}.str("tags", "new"), t0 + 3);
  j = json::parse(seg::explain_segment_json(e, "trend", t0 + 4));
  CHECK(j["member"] == true);
  CHECK(j["nearest"].is_null());
  auto unknown = json::parse(seg::explain_segment_json(e, "nope", t0));
  CHECK(unknown["error"]["code"] == "unknown_segment");
}

TEST_CASE("explain reads the cart: its value now and what is missing") {
  Engine e(seg::default_catalog_program());
  REQUIRE(seg::configure(e, R"({"version":1,"segments":[{"id":"full","rule":{"cart":"value","gte":50}},
    {"id":"sale","rule":{"cart":"items","where":{"tags":"sale"},"gte":2}}]})").empty());
  e.track(Event{"add_to_cart"}.str("item_id", "tee").str("tags", "sale").num("price", 39), t0);
  auto j = json::parse(seg::explain_segment_json(e, "full", t0 + 1));
  CHECK(j["member"] == false);
  CHECK(j["tree"]["kind"] == "cart");
  CHECK(j["tree"]["value"] == 39);
  CHECK(j["tree"]["text"] == "cart value: 39, needs >= 50");
  CHECK(j["nearest"] == "11 more in cart value");
  j = json::parse(seg::explain_segment_json(e, "sale", t0 + 1));
  CHECK(j["nearest"] == "1 more cart items where tags = \"sale\"");
  e.track(Event{"add_to_cart"}.str("item_id", "cap").num("price", 11), t0 + 2);
  CHECK(json::parse(seg::explain_segment_json(e, "full", t0 + 3))["member"] == true);
}

TEST_CASE("explain_offer gives the offer's own rule as a tree, held or not") {
  Engine e(seg::default_catalog_program());
  REQUIRE(seg::configure(e, R"({"version":1,
    "segments":[{"id":"fan","rule":{"count":"view_item","within":"7d","gte":2}}],
    "offers":[
      {"id":"small_cart","slot":"cart","rule":{"sum":"add_to_cart.price","within":"session","lt":50},"content":{"title":"Free shipping from 50"}},
      {"id":"fan_deal","slot":"hero","segments":["fan"],"rule":{"count":"purchase","within":"lifetime","eq":0}},
      {"id":"everyone","slot":"hero"}]})").empty());
  auto j = json::parse(seg::explain_offer_json(e, "small_cart", t0));
  CHECK(j["offer"] == "small_cart");
  CHECK(j["slot"] == "cart");
  CHECK(j["held"] == true);
  CHECK(j["tree"]["kind"] == "sum");
  CHECK(j["tree"]["value"] == 0);
  CHECK(j["tree"]["held"] == true);
  CHECK(j["tree"]["path"] == "/offers/0/rule");
  e.track(Event{"add_to_cart"}.num("price", 129), t0 + 1);
  j = json::parse(seg::explain_offer_json(e, "small_cart", t0 + 2));
  CHECK(j["held"] == false);
  CHECK(j["tree"]["value"] == 129);
  CHECK(j["tree"]["held"] == false);
  // Only the offer's own rule: it holds whether or not the visitor is in its segment.
  CHECK(json::parse(seg::explain_offer_json(e, "fan_deal", t0 + 2))["held"] == true);
  CHECK_FALSE(e.segments(t0 + 2)[0].member);
  // A fallback: no rule, nothing to hold.
  j = json::parse(seg::explain_offer_json(e, "everyone", t0 + 2));
  CHECK(j["held"] == true);
  CHECK(j["tree"].is_null());
  auto unknown = json::parse(seg::explain_offer_json(e, "nope", t0));
  CHECK(unknown["error"]["code"] == "unknown_offer");
  CHECK(unknown["error"]["message"] == "There is no offer \"nope\".");
}

TEST_CASE("explain names a referenced segment as the owner named it, not by its id") {
  Engine e(seg::default_catalog_program());
  REQUIRE(seg::configure(e, R"({"version":1,
    "segments":[{"id":"fan","name":"Product fan","rule":{"count":"view_item","within":"7d","gte":2}},
                {"id":"plain","rule":{"count":"view_item","within":"7d","gte":1}},
                {"id":"loyal_fan","rule":{"all":[{"segment":"fan"},{"count":"purchase","within":"lifetime","gte":0}]}}],
    "offers":[{"id":"to_fans","slot":"hero","rule":{"segment":"fan"}},
              {"id":"to_plain","slot":"hero","rule":{"segment":"plain"}}]})").empty());
  auto j = json::parse(seg::explain_offer_json(e, "to_fans", t0));
  CHECK(j["tree"]["text"] == "in segment \xE2\x80\x9CProduct fan\xE2\x80\x9D");
  CHECK(json::parse(seg::explain_segment_json(e, "loyal_fan", t0))["nearest"] == "needs to be in segment \xE2\x80\x9CProduct fan\xE2\x80\x9D");
  // a segment without a name is known by its id
  CHECK(json::parse(seg::explain_offer_json(e, "to_plain", t0))["tree"]["text"] == "in segment \xE2\x80\x9Cplain\xE2\x80\x9D");
}

TEST_CASE("explain of a scored segment names the signal that would close the gap") {
  Engine e(seg::default_catalog_program());
  REQUIRE(seg::configure(e, R"({"version":1,"segments":[{"id":"h","score":{"signals":[
    {"weight":1,"label":"size guide","rule":{"count":"view_size_guide"}},
    {"weight":3,"label":"cart cycles","rule":{"sequence":["add_to_cart","remove_from_cart"],"within":"session"}}],"enter":3}}]})").empty());
  auto j = json::parse(seg::explain_segment_json(e, "h", t0));
  CHECK(j["signals"].size() == 2);
  const std::string nearest = j["nearest"];
  CHECK(nearest.find("cart cycles") != std::string::npos);
}

TEST_CASE("outcomes parse from their words") {
  Outcome o{};
  CHECK(parse_outcome("shown", o));
  CHECK(o == Outcome::Shown);
  CHECK(parse_outcome("dismissed", o));
  CHECK(parse_outcome("converted", o));
  CHECK(o == Outcome::Converted);
  CHECK_FALSE(parse_outcome("clicked twice", o));
}

TEST_CASE("explain shows the page-given value of traits and context") {
  Engine e(seg::default_catalog_program());
  REQUIRE(seg::configure(e, R"({"version":1,"segments":[{"id":"de","rule":{"context":"country","in":["DE","AT"]}}]})").empty());
  auto j = json::parse(seg::explain_segment_json(e, "de", t0));
  CHECK(j["tree"]["text"] == "context country: not set, needs in [\"DE\", \"AT\"]");
  e.set_context("country", Value::of("FR"));
  j = json::parse(seg::explain_segment_json(e, "de", t0));
  CHECK(j["tree"]["text"] == "context country: \"FR\", needs in [\"DE\", \"AT\"]");
  CHECK(j["nearest"] == "context country is \"FR\", needs in [\"DE\", \"AT\"]");
}

TEST_CASE("times far outside 1970..9999 are clamped, never overflow") {
  Engine e(seg::default_catalog_program());
  e.track(Event{"view_item"}, std::numeric_limits<Millis>::max());
  e.track(Event{"view_item"}, std::numeric_limits<Millis>::min());
  CHECK(e.segments(std::numeric_limits<Millis>::min()).size() == 19);
  CHECK_FALSE(e.decide(std::numeric_limits<Millis>::max()).empty());
  CHECK(Engine(seg::default_catalog_program()).load(e.save(std::numeric_limits<Millis>::max()), std::numeric_limits<Millis>::max()).empty());
}

TEST_CASE("decide with segments gives what segments() and decide() give") {
  Engine a, b;
  for (Engine* e : {&a, &b}) {
    e->set_visitor_id("same");
    for (int i = 0; i < 4; ++i) e->track(Event{"view_item"}.str("tags", "new"), t0 + i);
  }
  std::vector<SegmentResult> segments;
  const auto decisions = a.decide(t0 + 10, segments);
  const auto expected_segments = b.segments(t0 + 10);
  const auto expected_decisions = b.decide(t0 + 10);
  REQUIRE(segments.size() == expected_segments.size());
  for (std::size_t i = 0; i < segments.size(); ++i) {
    CHECK(segments[i].id == expected_segments[i].id);
    CHECK(segments[i].member == expected_segments[i].member);
  }
  REQUIRE(decisions.size() == expected_decisions.size());
  for (std::size_t i = 0; i < decisions.size(); ++i) CHECK(decisions[i].offer == expected_decisions[i].offer);
}

TEST_CASE("choose() is decide() as indices into the program") {
  Engine e(seg::default_catalog_program());
  e.set_visitor_id("v1");
  for (int i = 0; i < 6; ++i) e.track(Event{"view_item"}.str("tags", "new").str("item_id", "sku" + std::to_string(i)), t0 + i * kMinute);
  CHECK(e.record("seasonal_edit_hero", Outcome::Shown, t0 + 7 * kMinute));
  const auto named = e.decide(t0 + 8 * kMinute);
  const Choices& chosen = e.choose(t0 + 8 * kMinute);
  const Program& p = e.program();
  REQUIRE(chosen.slots.size() == named.size());
  for (std::size_t i = 0; i < named.size(); ++i) {
    const SlotChoice& c = chosen.slots[i];
    CHECK(named[i].slot == e.program().slots[static_cast<std::size_t>(c.slot)]);
    CHECK(named[i].offer == (c.offer < 0 ? std::string() : p.offers[static_cast<std::size_t>(c.offer)].id));
    CHECK(named[i].segment == (c.segment < 0 ? std::string() : p.segments[static_cast<std::size_t>(c.segment)].id));
    CHECK(named[i].reason == reason_name(c.reason));
    REQUIRE(named[i].fates.size() == c.fates_end - c.fates_begin);
    std::size_t skipped = 0;
    for (std::size_t k = 0; k < named[i].fates.size(); ++k) {
      const FateChoice& f = chosen.fates[c.fates_begin + k];
      CHECK(named[i].fates[k].offer == p.offers[static_cast<std::size_t>(f.offer)].id);
      CHECK(named[i].fates[k].reason == reason_name(f.reason));
      CHECK(named[i].fates[k].by == (f.by < 0 ? std::string() : p.offers[static_cast<std::size_t>(f.by)].id));
      if (!is_blocking(f.reason)) continue;
      REQUIRE(skipped < named[i].skipped.size());
      CHECK(named[i].skipped[skipped].offer == named[i].fates[k].offer);
      CHECK(named[i].skipped[skipped++].reason == named[i].fates[k].reason);
    }
    CHECK(skipped == named[i].skipped.size());
    // Every offer of the slot is the winner or has a fate.
    CHECK(named[i].fates.size() + (c.offer < 0 ? 0 : 1) == p.slot_offers[static_cast<std::size_t>(c.slot)].size());
  }
  for (int r = 0; r < kReasonCount; ++r) CHECK(std::string(reason_name(static_cast<Reason>(r))) != "");
}

TEST_CASE("the shared evaluation is redone after every change, even at the same time") {
  Engine e(seg::default_catalog_program());
  REQUIRE(seg::configure(e, R"({"version":1,"segments":[
    {"id":"viewer","rule":{"count":"view_item","gte":1}},
    {"id":"vip","rule":{"trait":"tier","eq":"gold"}},
    {"id":"local","rule":{"context":"country","eq":"DE"}}],
    "offers":[{"id":"hello","slot":"hero","segments":["viewer"],"caps":{"session":1}}]})").empty());
  const Millis now = t0;
  auto member = [&](std::size_t i) { return e.segment_states(now).at(i).member; };
  CHECK_FALSE(member(0));
  CHECK(e.choose(now).slots.at(0).reason == Reason::NoMatch);
  e.track(Event{"view_item"}, now);
  CHECK(member(0));
  CHECK(e.choose(now).slots.at(0).offer == 0);
  e.record("hello", Outcome::Shown, now);
  CHECK(e.choose(now).slots.at(0).reason == Reason::CappedSession);
  e.set_trait("tier", Value::of("gold"));
  CHECK(member(1));
  e.visitor().context["country"] = Value::of("DE");  // what the bindings' setContextJson does
  CHECK(member(2));
  e.forget();
  CHECK_FALSE(member(0));
  CHECK_FALSE(member(1));
}

TEST_CASE("an engine can run another engine's compiled configuration, with its own visitor") {
  Engine compiled, borrower;
  REQUIRE(seg::configure(compiled, kTrend).empty());
  for (int i = 0; i < 3; ++i) compiled.track(Event{"view_item"}.str("tags", "new"), t0 + i);
  borrower.track(Event{"view_item"}.str("tags", "new"), t0);
  borrower.use_program_of(compiled);
  REQUIRE(borrower.segments(t0 + 5).size() == 1);
  CHECK(borrower.segments(t0 + 5).at(0).id == "trend");
  CHECK_FALSE(borrower.segments(t0 + 5).at(0).member);  // its own single view, not the other's three
  CHECK(compiled.segments(t0 + 5).at(0).member);
  CHECK(&borrower.program() == &compiled.program());
}

TEST_CASE("trim() frees the kept evaluation and the next call answers as before") {
  Engine e(seg::default_catalog_program());
  e.set_trait("customer_orders", Value::of(2.0));
  e.set_context("tz_offset", Value::of(60.0));
  Event view{"view_item"};
  view.str("item_id", "a").str("tags", "new");
  for (int i = 0; i < 5; ++i) e.track(view, t0 + i * kMinute);
  const auto before = e.decide(t0 + 10 * kMinute);
  const std::uint64_t evaluations = e.evaluations();
  e.trim();
  const auto after = e.decide(t0 + 10 * kMinute);
  CHECK(e.evaluations() == evaluations + 1);  // evaluated again, nothing reused
  REQUIRE(after.size() == before.size());
  for (std::size_t i = 0; i < after.size(); ++i) {
    CHECK(after[i].slot == before[i].slot);
    CHECK(after[i].offer == before[i].offer);
    CHECK(after[i].reason == before[i].reason);
  }
  e.trim();
  e.set_trait("customer_orders", Value::of(9.0));  // a change after trim() is seen
  const auto segments = e.segments(t0 + 11 * kMinute);
  CHECK_FALSE(segments.empty());
}
