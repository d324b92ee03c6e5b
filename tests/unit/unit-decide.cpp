// Offer decisions: priority, caps, cooldown, suppression, schedule, holdout, control group.
#include <doctest/doctest.h>

#include <string>

#include "shopper_segments/engine.hpp"
#include "shopper_segments/toolkit.hpp"
#include "engine/time_units.hpp"

using namespace seg;

namespace {

const Millis t0 = 1700000000000LL;  // Tuesday 2023-11-14 22:13:20 UTC

Engine with_offers(const std::string& offers, const std::string& settings = "{}") {
  Engine e(seg::default_catalog_program());
  const std::string config = R"({"version":1,"settings":)" + settings + R"(,"segments":[
      {"id":"viewer","priority":1,"rule":{"count":"view_item"}},
      {"id":"buyer","priority":5,"rule":{"count":"purchase"}}],"offers":)" + offers + "}";
  auto issues = seg::configure(e, config);
  for (const auto& i : issues) FAIL(i.code << " " << i.path << " " << i.message);
  e.set_visitor_id("visitor-1");
  return e;
}

Decision slot(Engine& e, Millis now, const std::string& name = "hero") {
  for (auto& d : e.decide(now))
    if (d.slot == name) return d;
  FAIL("no slot " << name);
  return {};
}

}  // namespace

TEST_CASE("no matching offer says no_match") {
  Engine e = with_offers(R"([{"id":"o","slot":"hero","segments":["buyer"]}])");
  Decision d = slot(e, t0);
  CHECK(d.offer.empty());
  CHECK(d.reason == "no_match");
}

TEST_CASE("priority wins, then segment priority, and the reason names the segment") {
  Engine e = with_offers(R"([{"id":"low","slot":"hero","segments":["viewer"],"priority":1},
                             {"id":"high","slot":"hero","segments":["viewer"],"priority":9},
                             {"id":"fallback","slot":"hero"}])");
  e.track(Event{"view_item"}, t0);
  Decision d = slot(e, t0);
  CHECK(d.offer == "high");
  CHECK(d.reason == "matched");
  CHECK(d.segment == "viewer");
  Engine tie = with_offers(R"([{"id":"for_viewer","slot":"hero","segments":["viewer"]},{"id":"for_buyer","slot":"hero","segments":["buyer"]}])");
  tie.track(Event{"view_item"}, t0);
  tie.track(Event{"purchase"}, t0);
  CHECK(slot(tie, t0).offer == "for_buyer");  // buyer has the higher segment priority
}

TEST_CASE("an offer rule narrows its audience") {
  Engine e = with_offers(R"([{"id":"o","slot":"hero","segments":["viewer"],"rule":{"trait":"country","eq":"DE"}}])");
  e.track(Event{"view_item"}, t0);
  CHECK(slot(e, t0).offer.empty());
  e.set_trait("country", Value::of("DE"));
  CHECK(slot(e, t0).offer == "o");
}

TEST_CASE("session cap, and the next candidate wins with the skip recorded") {
  Engine e = with_offers(R"([{"id":"o","slot":"hero","priority":2,"caps":{"session":1}},{"id":"fb","slot":"hero"}])");
  e.track(Event{"view_item"}, t0);
  CHECK(slot(e, t0).offer == "o");
  e.record("o", Outcome::Shown, t0);
  Decision d = slot(e, t0 + 1000);
  CHECK(d.offer == "fb");
  REQUIRE(d.skipped.size() == 1);
  CHECK(d.skipped[0].offer == "o");
  CHECK(d.skipped[0].reason == "capped_session");
  e.track(Event{"view_item"}, t0 + 2 * kHour);  // new session
  CHECK(slot(e, t0 + 2 * kHour).offer == "o");
}

TEST_CASE("day and week caps are rolling") {
  Engine e = with_offers(R"([{"id":"o","slot":"hero","caps":{"day":2,"week":3}}])");
  e.record("o", Outcome::Shown, t0);
  e.record("o", Outcome::Shown, t0 + kHour);
  CHECK(slot(e, t0 + 2 * kHour).reason == "capped_day");
  CHECK(slot(e, t0 + kDay + kHour).offer == "o");
  e.record("o", Outcome::Shown, t0 + kDay + kHour);
  CHECK(slot(e, t0 + 2 * kDay + 2 * kHour).reason == "capped_week");
  CHECK(slot(e, t0 + 8 * kDay).offer == "o");
}

TEST_CASE("cooldown after a show") {
  Engine e = with_offers(R"([{"id":"o","slot":"hero","cooldown":"10m"}])");
  e.record("o", Outcome::Shown, t0);
  CHECK(slot(e, t0 + 5 * kMinute).reason == "cooling_down");
  CHECK(slot(e, t0 + 10 * kMinute).offer == "o");
}

TEST_CASE("dismissal and conversion suppress") {
  Engine e = with_offers(R"([{"id":"o","slot":"hero","suppress":{"dismissed":"7d","converted":"30d"}}])");
  e.record("o", Outcome::Dismissed, t0);
  CHECK(slot(e, t0 + kDay).reason == "suppressed_dismissed");
  CHECK(slot(e, t0 + 8 * kDay).offer == "o");
  e.record("o", Outcome::Converted, t0 + 8 * kDay);
  CHECK(slot(e, t0 + 20 * kDay).reason == "suppressed_converted");
  CHECK(slot(e, t0 + 40 * kDay).offer == "o");
  CHECK_FALSE(e.record("no_such_offer", Outcome::Shown, t0));
}

TEST_CASE("schedule in the visitor's time zone") {
  // t0 is Tuesday 22:13 UTC; in UTC+2 it is Wednesday 00:13.
  Engine e = with_offers(R"([{"id":"o","slot":"hero","schedule":{"days":["wed"],"hours":[0,9]}}])");
  CHECK(slot(e, t0).reason == "out_of_schedule");
  e.set_context("tz_offset", Value::of(120.0));
  CHECK(slot(e, t0).offer == "o");
  Engine dated = with_offers(R"([{"id":"o","slot":"hero","schedule":{"from":"2023-11-15","until":"2023-11-20"}}])");
  CHECK(slot(dated, t0).reason == "out_of_schedule");
  CHECK(slot(dated, t0 + kDay).offer == "o");
  CHECK(slot(dated, t0 + 6 * kDay).offer == "o");  // 2023-11-20 is inclusive
  CHECK(slot(dated, t0 + 7 * kDay).reason == "out_of_schedule");
}

TEST_CASE("holdout 1 holds everyone out, 0 nobody; membership is stable") {
  Engine all = with_offers(R"([{"id":"o","slot":"hero","holdout":1}])");
  CHECK(slot(all, t0).reason == "held_out");
  Engine none = with_offers(R"([{"id":"o","slot":"hero","holdout":0}])");
  CHECK(slot(none, t0).offer == "o");
  // Half the visitors, stably: the same id gives the same answer; about half are held out.
  int held = 0;
  Engine e = with_offers(R"([{"id":"o","slot":"hero","holdout":0.5}])");
  for (int i = 0; i < 1000; ++i) {
    e.set_visitor_id("v" + std::to_string(i));
    const bool out = slot(e, t0).reason == "held_out";
    CHECK(out == (slot(e, t0 + kDay).reason == "held_out"));
    held += out;
  }
  CHECK(held > 420);
  CHECK(held < 580);
}

TEST_CASE("the control group sees no offer at all") {
  Engine e = with_offers(R"([{"id":"o","slot":"hero"},{"id":"p","slot":"cart"}])", R"({"control_group":1})");
  for (const auto& d : e.decide(t0)) {
    CHECK(d.offer.empty());
    CHECK(d.reason == "control_group");
  }
}

TEST_CASE("every slot gets a decision, in order of first appearance") {
  Engine e = with_offers(R"([{"id":"a","slot":"hero"},{"id":"b","slot":"cart"},{"id":"c","slot":"hero"}])");
  auto ds = e.decide(t0);
  REQUIRE(ds.size() == 2);
  CHECK(ds[0].slot == "hero");
  CHECK(ds[1].slot == "cart");
  CHECK(ds[0].offer == "a");  // same priority: config order
}

TEST_CASE("a paused offer never shows and its fate says paused, a pause lifted it shows again") {
  const std::string offers = R"([{"id":"paused_one","slot":"hero","segments":["viewer"],"priority":9,"paused":true},
                                 {"id":"fallback","slot":"hero"}])";
  Engine e = with_offers(offers);
  e.track(Event{"view_item"}, t0);
  Decision d = slot(e, t0);
  CHECK(d.offer == "fallback");
  REQUIRE(d.fates.size() == 1);
  CHECK(d.fates[0].offer == "paused_one");
  CHECK(d.fates[0].reason == "paused");
  CHECK(d.skipped.empty());
  Engine alone = with_offers(R"([{"id":"paused_one","slot":"hero","paused":true}])");
  Decision none = slot(alone, t0);
  CHECK(none.offer.empty());
  CHECK(none.reason == "no_match");
  REQUIRE(none.fates.size() == 1);
  CHECK(none.fates[0].reason == "paused");
  Engine resumed = with_offers(R"([{"id":"paused_one","slot":"hero","segments":["viewer"],"priority":9,"paused":false},
                                   {"id":"fallback","slot":"hero"}])");
  resumed.track(Event{"view_item"}, t0);
  CHECK(slot(resumed, t0).offer == "paused_one");
}

TEST_CASE("every offer of the slot gets a fate: outranked names the winner and what ranked it higher") {
  Engine e = with_offers(R"([{"id":"for_viewer","slot":"hero","segments":["viewer"],"priority":30},
                             {"id":"for_buyer","slot":"hero","segments":["buyer"],"priority":50},
                             {"id":"same_rank","slot":"hero","segments":["buyer"],"priority":50},
                             {"id":"capped","slot":"hero","segments":["viewer"],"priority":90,"caps":{"session":0}},
                             {"id":"ruled","slot":"hero","segments":["viewer"],"rule":{"trait":"country","eq":"DE"}},
                             {"id":"for_nobody","slot":"hero","segments":["buyer"],"rule":{"count":"search"},"paused":true},
                             {"id":"low_seg","slot":"side","segments":["viewer"]},
                             {"id":"high_seg","slot":"side","segments":["buyer"]}])");
  e.track(Event{"view_item"}, t0);
  e.track(Event{"purchase"}, t0);
  Decision d = slot(e, t0);
  CHECK(d.offer == "for_buyer");
  REQUIRE(d.fates.size() == 5);
  CHECK((d.fates[0].offer == "capped" && d.fates[0].reason == "capped_session" && d.fates[0].by.empty()));
  CHECK((d.fates[1].offer == "same_rank" && d.fates[1].reason == "outranked" && d.fates[1].by == "for_buyer" &&
         d.fates[1].because == "order"));
  CHECK((d.fates[2].offer == "for_viewer" && d.fates[2].reason == "outranked" && d.fates[2].by == "for_buyer" &&
         d.fates[2].because == "priority" && d.fates[2].segment == "viewer"));
  CHECK((d.fates[3].offer == "ruled" && d.fates[3].reason == "rule_not_met" && d.fates[3].segment == "viewer"));
  CHECK((d.fates[4].offer == "for_nobody" && d.fates[4].reason == "paused"));
  REQUIRE(d.skipped.size() == 1);
  CHECK(d.skipped[0].offer == "capped");
  Decision side = slot(e, t0, "side");
  CHECK(side.offer == "high_seg");
  REQUIRE(side.fates.size() == 1);
  CHECK(side.fates[0].because == "segment_priority");

  // The same decision as indices: one fate per offer of each slot but its winner.
  const Choices& c = e.choose(t0);
  std::size_t fates = 0;
  for (const SlotChoice& s : c.slots) fates += s.fates_end - s.fates_begin;
  CHECK(fates == 6);
  CHECK(c.fates.size() == 6);
}

TEST_CASE("in the control group every candidate's fate says so") {
  Engine e = with_offers(R"([{"id":"o","slot":"hero"},{"id":"q","slot":"hero","segments":["buyer"]}])", R"({"control_group":1})");
  Decision d = slot(e, t0);
  CHECK(d.reason == "control_group");
  REQUIRE(d.fates.size() == 2);
  CHECK((d.fates[0].offer == "o" && d.fates[0].reason == "control_group"));
  CHECK((d.fates[1].offer == "q" && d.fates[1].reason == "not_in_segment"));
  CHECK(d.skipped.empty());
}
