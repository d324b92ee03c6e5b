// Rule evaluation against a visitor's profile at injected times.
#include <doctest/doctest.h>

#include <string>

#include "shopper_segments/engine.hpp"
#include "shopper_segments/toolkit.hpp"
#include "engine/time_units.hpp"
#include "engine/visitor.hpp"

using namespace seg;

namespace {

const Millis t0 = 1700000000000LL;

// An engine whose only segment is `rule`, so member() answers "does the rule hold at `now`?".
struct OneRule {
  Engine engine;
  explicit OneRule(const std::string& rule, const std::string& settings = "{}") {
    auto issues = seg::configure(engine, R"({"version":1,"settings":)" + settings + R"(,"segments":[{"id":"s","rule":)" + rule + "}]}");
    for (const auto& i : issues) FAIL(i.code << " " << i.path << " " << i.message);
  }
  bool holds(Millis now) { return engine.segments(now).at(0).member; }
  void track(const Event& e, Millis at) { engine.track(e, at); }
};

Event view(const char* tag = nullptr) {
  Event e{"view_item"};
  e.str("item_id", "sku");
  if (tag) e.str("tags", tag);
  return e;
}

}  // namespace

TEST_CASE("count with where and a window") {
  OneRule r(R"({"count":"view_item","where":{"tags":"new"},"within":"7d","gte":3})");
  r.track(view("new"), t0);
  r.track(view("sale"), t0 + 1000);
  r.track(view("new"), t0 + 2000);
  CHECK_FALSE(r.holds(t0 + 3000));
  r.track(view("new"), t0 + 3000);
  CHECK(r.holds(t0 + 4000));
  CHECK_FALSE(r.holds(t0 + 9 * kDay));  // well outside the window
}

TEST_CASE("multi-valued fields match when one value matches") {
  OneRule r(R"({"count":"view_item","where":{"tags":["launch","new"]},"gte":1})");
  Event e = view("sale");
  e.str("tags", "new");
  r.track(e, t0);
  CHECK(r.holds(t0));
}

TEST_CASE("numeric filters") {
  OneRule r(R"({"count":"add_to_cart","where":{"price":{"gte":100}},"gte":1})");
  r.track(Event{"add_to_cart"}.num("price", 99.5), t0);
  CHECK_FALSE(r.holds(t0));
  r.track(Event{"add_to_cart"}.num("price", 120), t0 + 1);
  CHECK(r.holds(t0 + 1));
}

TEST_CASE("exists filter") {
  OneRule r(R"({"count":"purchase","where":{"coupon":{"exists":true}},"gte":1})");
  r.track(Event{"purchase"}.num("value", 10), t0);
  CHECK_FALSE(r.holds(t0));
  r.track(Event{"purchase"}.num("value", 10).str("coupon", "SAVE10"), t0 + 1);
  CHECK(r.holds(t0 + 1));
}

TEST_CASE("sum and avg of a numeric field; negative amounts are ignored") {
  OneRule sum(R"({"sum":"purchase.value","within":"30d","gte":100})");
  sum.track(Event{"purchase"}.num("value", 60), t0);
  sum.track(Event{"purchase"}.num("value", -500), t0 + 1);
  CHECK_FALSE(sum.holds(t0 + 2));
  sum.track(Event{"purchase"}.num("value", 40), t0 + 3);
  CHECK(sum.holds(t0 + 4));
  OneRule avg(R"({"avg":"purchase.value","gte":50})");
  CHECK_FALSE(avg.holds(t0));  // no purchases: no value
  avg.track(Event{"purchase"}.num("value", 40), t0);
  avg.track(Event{"purchase"}.num("value", 70), t0 + 1);
  CHECK(avg.holds(t0 + 2));
}

TEST_CASE("share of matching events; no events means no value") {
  OneRule r(R"({"share":"view_item","where":{"tags":"new"},"gte":0.5})");
  CHECK_FALSE(r.holds(t0));
  r.track(view("new"), t0);
  r.track(view("sale"), t0 + 1);
  CHECK(r.holds(t0 + 2));
  r.track(view("sale"), t0 + 3);
  CHECK_FALSE(r.holds(t0 + 4));
}

TEST_CASE("since: time since the last event, false when it never happened") {
  OneRule r(R"({"since":"purchase","gte":"90d"})");
  CHECK_FALSE(r.holds(t0));
  r.track(Event{"purchase"}, t0);
  CHECK_FALSE(r.holds(t0 + 89 * kDay));
  CHECK(r.holds(t0 + 90 * kDay));
  OneRule between(R"({"since":"purchase","where":{"item_category":"coffee"},"between":["25d","35d"]})");
  between.track(Event{"purchase"}.str("item_category", "coffee"), t0);
  CHECK_FALSE(between.holds(t0 + 20 * kDay));
  CHECK(between.holds(t0 + 30 * kDay));
  CHECK_FALSE(between.holds(t0 + 40 * kDay));
}

TEST_CASE("session window ends with the session") {
  OneRule r(R"({"count":"view_item","within":"session","gte":2})");
  r.track(view(), t0);
  r.track(view(), t0 + 10 * kMinute);
  CHECK(r.holds(t0 + 11 * kMinute));
  CHECK_FALSE(r.holds(t0 + 2 * kHour));  // timed out: the current session is empty
  r.track(view(), t0 + 2 * kHour);
  CHECK_FALSE(r.holds(t0 + 2 * kHour));  // a new session with one view
}

TEST_CASE("session timeout is configurable and session_start is counted") {
  OneRule r(R"({"count":"session_start","within":"30d","gte":3})", R"({"session_timeout":"10m"})");
  r.track(view(), t0);
  r.track(view(), t0 + 5 * kMinute);   // same session
  r.track(view(), t0 + 20 * kMinute);  // new
  CHECK_FALSE(r.holds(t0 + 20 * kMinute));
  r.track(view(), t0 + 40 * kMinute);  // new
  CHECK(r.holds(t0 + 40 * kMinute));
}

TEST_CASE("a clock that jumps back does not start a session or break counts") {
  OneRule r(R"({"count":"view_item","within":"session","gte":3})");
  r.track(view(), t0);
  r.track(view(), t0 - kHour);
  r.track(view(), t0 + 1000);
  CHECK(r.holds(t0 + 2000));
}

TEST_CASE("ago shifts a window into the past") {
  OneRule r(R"({"count":"purchase","within":"30d","ago":"30d","gte":1})");
  r.track(Event{"purchase"}, t0);
  CHECK_FALSE(r.holds(t0 + kDay));
  CHECK(r.holds(t0 + 45 * kDay));
  CHECK_FALSE(r.holds(t0 + 70 * kDay));
}

TEST_CASE("ago shifts a lifetime window: everything up to that long ago") {
  // The window has no start; the evaluator must not compute one by subtracting from the
  // earliest representable time.
  OneRule r(R"({"count":"purchase","within":"lifetime","ago":"30d","gte":2})");
  r.track(Event{"purchase"}, t0);
  r.track(Event{"purchase"}, t0 + 40 * kDay);
  CHECK_FALSE(r.holds(t0 + kDay));
  CHECK_FALSE(r.holds(t0 + 45 * kDay));  // the second purchase is not yet 30 days old
  CHECK(r.holds(t0 + 71 * kDay));
  CHECK(r.holds(t0 + 400 * kDay));
}

TEST_CASE("trend compares a window with the one before it") {
  OneRule r(R"({"trend":"purchase.value","within":"90d","lte":-0.5})");
  r.track(Event{"purchase"}.num("value", 400), t0);
  CHECK_FALSE(r.holds(t0 + kDay));  // nothing before: no value
  r.track(Event{"purchase"}.num("value", 100), t0 + 100 * kDay);
  CHECK(r.holds(t0 + 101 * kDay));  // 100 now against 400 before: -75%
  OneRule up(R"({"trend":"purchase","within":"30d","gt":0})");
  up.track(Event{"purchase"}, t0);
  up.track(Event{"purchase"}, t0 + 40 * kDay);
  up.track(Event{"purchase"}, t0 + 41 * kDay);
  CHECK(up.holds(t0 + 42 * kDay));
}

TEST_CASE("count per item and distinct items") {
  OneRule per(R"({"count":"view_item","per":"item_id","within":"7d","gte":3})");
  for (int i = 0; i < 2; ++i) per.track(Event{"view_item"}.str("item_id", "a"), t0 + i);
  per.track(Event{"view_item"}.str("item_id", "b"), t0 + 5);
  CHECK_FALSE(per.holds(t0 + 10));
  per.track(Event{"view_item"}.str("item_id", "a"), t0 + 11);
  CHECK(per.holds(t0 + 12));
  OneRule distinct(R"({"distinct":"view_item.item_id","within":"session","gte":3})");
  distinct.track(Event{"view_item"}.str("item_id", "a"), t0);
  distinct.track(Event{"view_item"}.str("item_id", "a"), t0 + 1);
  distinct.track(Event{"view_item"}.str("item_id", "b"), t0 + 2);
  CHECK_FALSE(distinct.holds(t0 + 3));
  distinct.track(Event{"view_item"}.str("item_id", "c"), t0 + 4);
  CHECK(distinct.holds(t0 + 5));
}

TEST_CASE("sequence: in order, gaps allowed, within the session") {
  OneRule r(R"({"sequence":["add_to_cart","remove_from_cart","add_to_cart"],"within":"session"})");
  r.track(Event{"add_to_cart"}, t0);
  r.track(Event{"add_to_cart"}, t0 + 1);
  r.track(view(), t0 + 2);
  CHECK_FALSE(r.holds(t0 + 3));
  r.track(Event{"remove_from_cart"}, t0 + 4);
  CHECK_FALSE(r.holds(t0 + 5));
  r.track(Event{"add_to_cart"}, t0 + 6);
  CHECK(r.holds(t0 + 7));
  r.track(view(), t0 + kDay);  // next session
  CHECK_FALSE(r.holds(t0 + kDay));
}

TEST_CASE("sequence steps with filters") {
  OneRule r(R"({"sequence":[{"event":"view_item","where":{"tags":"new"}},"purchase"],"within":"7d"})");
  r.track(view("sale"), t0);
  r.track(Event{"purchase"}, t0 + 1);
  CHECK_FALSE(r.holds(t0 + 2));
  r.track(view("new"), t0 + 3);
  r.track(Event{"purchase"}, t0 + 4);
  CHECK(r.holds(t0 + 5));
}

TEST_CASE("traits and context") {
  OneRule tier(R"({"trait":"loyalty_tier","in":["gold","platinum"]})");
  CHECK_FALSE(tier.holds(t0));
  tier.engine.set_trait("loyalty_tier", Value::of("gold"));
  CHECK(tier.holds(t0));
  OneRule ltv(R"({"trait":"lifetime_value","gte":1000})");
  ltv.engine.set_trait("lifetime_value", Value::of(1500.0));
  CHECK(ltv.holds(t0));
  OneRule tz(R"({"context":"timezone","startsWith":"Europe/"})");
  tz.engine.set_context("timezone", Value::of("Europe/Berlin"));
  CHECK(tz.holds(t0));
  OneRule missing(R"({"trait":"country","exists":false})");
  CHECK(missing.holds(t0));
  OneRule ne(R"({"trait":"country","ne":"DE"})");
  CHECK_FALSE(ne.holds(t0));  // not set: no value, so no comparison holds
  ne.engine.set_trait("country", Value::of("FR"));
  CHECK(ne.holds(t0));
  OneRule newsletter(R"({"trait":"newsletter","eq":true})");
  newsletter.engine.set_trait("newsletter", Value::of_bool(true));
  CHECK(newsletter.holds(t0));
  OneRule list(R"({"trait":"interests","contains":"running"})");
  list.engine.set_trait("interests", Value::of(std::vector<std::string>{"yoga", "running"}));
  CHECK(list.holds(t0));
}

TEST_CASE("a trait or context value set, changed, removed or reloaded between evaluations is read afresh") {
  // The engine keeps each rule node's trait and context value resolved between evaluations;
  // every way of changing them must be seen, and a removed value must not be read.
  OneRule r(R"({"all":[{"trait":"tier","eq":"gold"},{"context":"country","in":["DE","AT"]}]})");
  CHECK_FALSE(r.holds(t0));
  r.engine.set_trait("tier", Value::of("gold"));
  r.engine.set_context("country", Value::of("DE"));
  CHECK(r.holds(t0 + 1));
  r.engine.track(view(), t0 + 2);  // an event keeps the values
  CHECK(r.holds(t0 + 3));
  r.engine.set_context("country", Value::of("FR"));
  CHECK_FALSE(r.holds(t0 + 4));
  r.engine.set_context("country", Value::of("AT"));
  CHECK(r.holds(t0 + 5));
  r.engine.set_trait("tier", Value());  // removed
  CHECK_FALSE(r.holds(t0 + 6));
  r.engine.visitor().traits["tier"] = Value::of("gold");  // written directly, as the bindings do
  CHECK(r.holds(t0 + 7));
  const std::string saved = r.engine.save(t0 + 8);
  r.engine.forget();
  CHECK_FALSE(r.holds(t0 + 9));
  CHECK(r.engine.load(saved, t0 + 10).empty());
  CHECK(r.holds(t0 + 11));
  r.engine.visitor().context.clear();
  CHECK_FALSE(r.holds(t0 + 12));
  CHECK(seg::configure(r.engine, R"({"version":1,"segments":[{"id":"s","rule":{"trait":"tier","eq":"gold"}}]})").empty());
  CHECK(r.holds(t0 + 13));
}

TEST_CASE("unknown event types are counted and usable") {
  OneRule r(R"({"count":"spin_the_wheel","gte":2})");
  r.track(Event{"spin_the_wheel"}, t0);
  r.track(Event{"spin_the_wheel"}, t0 + 1);
  CHECK(r.holds(t0 + 2));
}

TEST_CASE("segment references and all/any/not") {
  Engine e(seg::default_catalog_program());
  REQUIRE(seg::configure(e, R"({"version":1,"segments":[
    {"id":"buyer","rule":{"count":"purchase"}},
    {"id":"prospect","rule":{"not":{"segment":"buyer"}}},
    {"id":"either","rule":{"any":[{"segment":"buyer"},{"count":"view_item","gte":5}]}},
    {"id":"empty_all","rule":{"all":[]}},
    {"id":"empty_any","rule":{"any":[]}}]})").empty());
  auto s = e.segments(t0);
  CHECK_FALSE(s[0].member);
  CHECK(s[1].member);
  CHECK_FALSE(s[2].member);
  CHECK(s[3].member);
  CHECK_FALSE(s[4].member);
  e.track(Event{"purchase"}, t0);
  s = e.segments(t0);
  CHECK(s[0].member);
  CHECK_FALSE(s[1].member);
  CHECK(s[2].member);
}

TEST_CASE("scored segments enter at enter and stay until below exit") {
  Engine e(seg::default_catalog_program());
  REQUIRE(seg::configure(e, R"({"version":1,"segments":[{"id":"h","score":{"signals":[
    {"weight":2,"rule":{"count":"view_item","within":"1h","gte":3}},
    {"weight":1,"rule":{"count":"chat_open","within":"1h","gte":1}},
    {"weight":1,"rule":{"count":"view_size_guide","within":"1h","gte":1}}],"enter":4,"exit":3}}]})").empty());
  for (int i = 0; i < 3; ++i) e.track(view(), t0 + i);
  e.track(Event{"chat_open"}, t0 + 10);
  auto s = e.segments(t0 + 11);
  CHECK(s[0].score == 3);
  CHECK_FALSE(s[0].member);  // 3 < enter
  e.track(Event{"view_size_guide"}, t0 + 20 * kMinute);
  CHECK(e.segments(t0 + 20 * kMinute)[0].member);  // 4: enters
  // The chat and views age out of the hour one by one: 4 -> 1; the size guide keeps 1 after that.
  CHECK(e.segments(t0 + 70 * kMinute).at(0).member == false);
}

TEST_CASE("hysteresis keeps a member at a score between exit and enter") {
  Engine e(seg::default_catalog_program());
  REQUIRE(seg::configure(e, R"({"version":1,"segments":[{"id":"h","score":{"signals":[
    {"weight":3,"rule":{"count":"a","within":"1h"}},
    {"weight":1,"rule":{"count":"b","within":"3h"}}],"enter":4,"exit":1}}]})").empty());
  e.track(Event{"a"}, t0);
  e.track(Event{"b"}, t0);
  CHECK(e.segments(t0 + 1).at(0).member);  // 4: in
  CHECK(e.segments(t0 + 2 * kHour).at(0).member);  // 1: stays (exit 1)
  CHECK_FALSE(e.segments(t0 + 5 * kHour).at(0).member);  // 0: out
  e.track(Event{"b"}, t0 + 6 * kHour);
  CHECK_FALSE(e.segments(t0 + 6 * kHour).at(0).member);  // 1 is not enough to enter again
}

// kClockSlack (engine/profile.hpp): one wrong clock reading must not decide where "now" is.
TEST_CASE("one event dated years ahead does not stop windows counting later events") {
  OneRule r(R"({"count":"view_item","within":"7d","gte":3})");
  r.track(view(), t0);
  r.track(view(), t0 + kMinute);
  r.track(view(), t0 + 5 * 365 * kDay);  // a device clock years ahead, once
  r.track(view(), t0 + 2 * kMinute);      // the clock is right again
  CHECK(r.holds(t0 + 3 * kMinute));       // the three real views and the re-dated one are all recent
  r.track(view(), t0 + 3 * kMinute);
  CHECK(r.holds(t0 + 4 * kMinute));
  CHECK_FALSE(r.holds(t0 + 30 * kDay));   // and they age like any other
}

TEST_CASE("an unconfirmed jump ahead folds and drops nothing, a confirmed one moves the present") {
  OneRule r(R"({"count":"view_item","within":"90m","gte":2})");
  r.track(view(), t0);
  r.track(view(), t0 + kMinute);
  r.track(view(), t0 + 3 * 365 * kDay);   // one wrong reading: the buckets above are kept as they are
  const auto& series = r.engine.visitor().profile.series;
  double minute_buckets = 0;
  for (const auto& s : series)
    for (const auto& b : s.buckets) minute_buckets += b.level == Level::Minute ? b.count : 0;
  CHECK(minute_buckets >= 3);
  // A visitor who really comes back days later: the next event confirms the new present.
  OneRule back(R"({"count":"view_item","within":"7d","gte":2})");
  back.track(view(), t0);
  back.track(view(), t0 + 3 * kDay);
  back.track(view(), t0 + 3 * kDay + kMinute);
  CHECK(back.holds(t0 + 3 * kDay + 2 * kMinute));
  CHECK(back.engine.visitor().profile.latest == t0 + 3 * kDay + kMinute);
}

TEST_CASE("a clock set back by more than the slack starts sessions again") {
  OneRule r(R"({"count":"session_start","within":"30d","gte":2})", R"({"session_timeout":"30m"})");
  r.track(view(), t0 + 400 * kDay);  // a wrong clock on the first visit
  r.track(view(), t0);                // corrected: the present is t0
  r.track(view(), t0 + 2 * kHour);    // a new visit 2 h later is a new session
  CHECK(r.holds(t0 + 2 * kHour + kMinute));
}

TEST_CASE("an offer dismissed under a clock years ahead is not suppressed for years") {
  Engine e;
  auto issues = seg::configure(e, R"({"version":1,"segments":[{"id":"s","rule":{"count":"view_item","gte":1}}],
    "offers":[{"id":"o","slot":"hero","segments":["s"],"content":{"title":"T"},"suppress":{"dismissed":"1d"}}]})");
  for (const auto& i : issues) FAIL(i.code << " " << i.path << " " << i.message);
  e.track(view(), t0);
  e.record("o", Outcome::Dismissed, t0 + 5 * 365 * kDay);
  e.track(view(), t0 + kMinute);
  e.record("o", Outcome::Shown, t0 + 2 * kMinute);
  CHECK(e.decide(t0 + 3 * kDay).at(0).offer == "o");
}
