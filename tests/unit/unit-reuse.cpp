// Reusing an evaluation until its valid_until (Engine::evaluate): the answers must be exactly
// those of a fresh evaluation at every time, whatever the journey. Checked against an engine that
// never reuses, over random journeys that also ask at the edges where answers change (whole
// minutes, `since` thresholds, the session's end, caps and cooldowns) and with clocks set back.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "shopper_segments/engine.hpp"
#include "shopper_segments/toolkit.hpp"
#include "engine/program.hpp"
#include "engine/time_units.hpp"
#include "random_journey.hpp"

using namespace seg;
using seg::testing::Lcg;
using seg::testing::random_event;

namespace {

const Millis t0 = 1700000000000LL;

// Times after an event where a catalogue answer is likely to change, and a millisecond around.
const Millis kEdges[] = {30 * kMinute, kHour, 2 * kHour, kDay, 2 * kDay, 3 * kDay, kWeek, 14 * kDay, 30 * kDay, 45 * kDay, 60 * kDay, 90 * kDay};

Millis next_time(Lcg& rng, Millis now, Millis last_event, Millis last_record) {
  switch (rng.next() % 11) {
    case 0: return now + 1;
    case 1: return (now / kMinute + 1) * kMinute;  // the next whole minute exactly
    case 2: return (now / kMinute + 1) * kMinute - 1;
    case 3: return last_event + kEdges[rng.next() % 12] + static_cast<Millis>(rng.next() % 3) - 1;
    case 4: return now + static_cast<Millis>(rng.next() % (2 * kMinute));
    case 5: return now + static_cast<Millis>(rng.next() % (3 * kHour));
    case 6: return now + static_cast<Millis>(rng.next() % 9) * kDay;
    case 7: return now - static_cast<Millis>(rng.next() % kHour);  // a clock set back
    case 8: return last_record + kEdges[rng.next() % 12] + static_cast<Millis>(rng.next() % 3) - 1;
    default: return now + static_cast<Millis>(rng.next() % (40 * kMinute));
  }
}

void check_same(Engine& reused, Engine& fresh, Millis now, const std::string& where) {
  const Choices& a = reused.choose(now);
  const Choices& b = fresh.choose(now);
  INFO(where);
  REQUIRE(a.slots.size() == b.slots.size());
  for (std::size_t i = 0; i < a.slots.size(); ++i) {
    CHECK(a.slots[i].offer == b.slots[i].offer);
    CHECK(a.slots[i].segment == b.slots[i].segment);
    CHECK(a.slots[i].reason == b.slots[i].reason);
    CHECK(a.slots[i].score == b.slots[i].score);
    REQUIRE(a.slots[i].fates_end - a.slots[i].fates_begin == b.slots[i].fates_end - b.slots[i].fates_begin);
    for (std::uint32_t k = 0; k < a.slots[i].fates_end - a.slots[i].fates_begin; ++k) {
      const FateChoice& x = a.fates[a.slots[i].fates_begin + k];
      const FateChoice& y = b.fates[b.slots[i].fates_begin + k];
      CHECK((x.offer == y.offer && x.reason == y.reason && x.by == y.by && x.segment == y.segment));
    }
  }
  const auto& sa = reused.segment_states(now);
  const auto& sb = fresh.segment_states(now);
  REQUIRE(sa.size() == sb.size());
  for (std::size_t i = 0; i < sa.size(); ++i) {
    CHECK(sa[i].member == sb[i].member);
    CHECK(sa[i].score == sb[i].score);
  }
}

}  // namespace

TEST_CASE("a reused evaluation answers as a fresh one at every time (random journeys, built-in catalogue)") {
  const char* offers[] = {"seasonal_edit_hero", "free_returns_nudge", "cart_coupon", "cart_reminder_exit", "newsletter_signup_exit",
                          "order_tracking_thank_you", "first_order_discount_exit", "cart_shipping_info"};
  std::uint64_t asked = 0, evaluated = 0;
  for (std::uint64_t journey = 1; journey <= 40; ++journey) {
    Lcg rng{journey};
    Engine reused, fresh;
    fresh.reuse_evaluations(false);
    for (Engine* e : {&reused, &fresh}) {
      e->set_visitor_id("visitor-" + std::to_string(journey));
      e->set_context("tz_offset", Value::of(static_cast<double>(static_cast<int>(rng.next() % 25) * 60 - 720)));
    }
    Millis now = t0 + static_cast<Millis>(rng.next() % kDay), last_event = now, last_record = now;
    for (int step = 0; step < 300; ++step) {
      const std::uint32_t r = rng.next() % 100;
      if (r < 30) {
        const Event event = random_event(rng);
        now = next_time(rng, now, last_event, last_record);
        last_event = now;
        reused.track(event, now);
        fresh.track(event, now);
      } else if (r < 40) {
        const char* offer = offers[rng.next() % 8];
        const Outcome outcome = rng.next() % 4 == 0 ? Outcome::Dismissed : rng.next() % 3 == 0 ? Outcome::Converted : Outcome::Shown;
        now = next_time(rng, now, last_event, last_record);
        last_record = now;
        reused.record(offer, outcome, now);
        fresh.record(offer, outcome, now);
      } else if (r < 42) {
        const Value tier = Value::of(rng.next() % 2 ? "gold" : "none");
        reused.set_trait("loyalty_tier", tier);
        fresh.set_trait("loyalty_tier", tier);
      } else {
        now = next_time(rng, now, last_event, last_record);
        // Often ask just before, at and just after the time, where a stale answer would show.
        const int probes = rng.next() % 3 == 0 ? 3 : 1;
        for (int k = 0; k < probes; ++k, ++asked) {
          const Millis at = probes == 3 ? now - 1 + k : now;
          check_same(reused, fresh, at, "journey " + std::to_string(journey) + " step " + std::to_string(step) + " at " + std::to_string(at));
        }
        now += probes == 3 ? 1 : 0;
      }
    }
    evaluated += reused.evaluations();
  }
  // Not a speed check: only that reuse happens at all, so the comparison above means something.
  CHECK(evaluated < asked);
}

TEST_CASE("asking again before anything could change evaluates once; an event or the next minute evaluates again") {
  Engine e(seg::default_catalog_program());
  e.set_visitor_id("v");
  e.track(Event{"view_item"}.str("tags", "new"), t0);
  const Millis now = (t0 / kMinute + 1) * kMinute + 10;  // 10 ms after a whole minute
  e.choose(now);
  const std::uint64_t first = e.evaluations();
  e.choose(now + 1);
  e.segment_states(now + 5000);
  CHECK(e.evaluations() == first);
  e.choose(now - 1);  // earlier than the evaluation: evaluated again
  CHECK(e.evaluations() == first + 1);
  e.choose(now + kMinute);  // past the next whole minute: window edges may have moved
  CHECK(e.evaluations() == first + 2);
  e.track(Event{"page_view"}, now + kMinute);
  e.choose(now + kMinute);
  CHECK(e.evaluations() == first + 3);
}

namespace {

// Journeys of events, shows (mostly of a slot's winner) and questions asked around edges, on two
// engines, one reusing evaluations and one not; returns {questions asked, evaluations made}.
std::pair<std::uint64_t, std::uint64_t> compare_journeys(const char* config, std::uint64_t seed, int journeys,
                                                         const std::vector<Millis>& known_edges = {}) {
  const Millis start = 1700006400000LL;  // 2023-11-15 00:00 UTC
  std::uint64_t asked = 0, evaluated = 0;
  for (int journey = 1; journey <= journeys; ++journey) {
    Lcg rng{seed + static_cast<std::uint64_t>(journey)};
    Engine reused, fresh;
    for (Engine* e : {&reused, &fresh}) {
      REQUIRE(seg::configure(*e, config).empty());
      e->set_visitor_id("v" + std::to_string(journey));
      e->set_context("tz_offset", Value::of(journey % 2 ? 60.0 : -330.0));
    }
    fresh.reuse_evaluations(false);
    const std::vector<OfferDef>& offers = reused.program().offers;
    Millis now = start + static_cast<Millis>(rng.next() % (6 * kHour)), last_event = now, last_record = now;
    for (int step = 0; step < 400; ++step) {
      const std::uint32_t r = rng.next() % 100;
      if (r < 35) {
        const Event event = random_event(rng);
        now += static_cast<Millis>(rng.next() % (90 * kSecond));
        last_event = now;
        reused.track(event, now);
        fresh.track(event, now);
      } else if (r < 45) {
        const Outcome outcome = rng.next() % 4 == 0 ? Outcome::Dismissed : rng.next() % 3 == 0 ? Outcome::Converted : Outcome::Shown;
        // Mostly what a page does: the winner of a slot was shown. Both engines are asked
        // (scored segments remember their last membership, so both must be).
        fresh.choose(now);
        const Choices& choices = reused.choose(now);
        const SlotChoice& won = choices.slots.at(rng.next() % choices.slots.size());
        const std::size_t index = won.offer >= 0 && rng.next() % 4 != 0 ? static_cast<std::size_t>(won.offer) : rng.next() % offers.size();
        last_record = now;
        reused.record(offers[index].id, outcome, now);
        fresh.record(offers[index].id, outcome, now);
      } else {
        const Millis edges[] = {45 * kSecond, kMinute, 90 * kSecond, 2 * kMinute, 150 * kSecond, 3 * kMinute, 4 * kMinute,
                                5 * kMinute, 9 * kMinute, kDay, kWeek};
        Millis at = now + static_cast<Millis>(rng.next() % (2 * kMinute));
        switch (rng.next() % 5) {
          case 0: at = last_event + edges[rng.next() % 11]; break;
          case 1: at = last_record + edges[rng.next() % 11]; break;
          case 2: at = (now / kMinute + 1) * kMinute; break;  // window edges move on whole minutes
          case 3: at = (now / kHour + 1) * kHour - (journey % 2 ? 0 : 30 * kMinute); break;  // local hours
          default:
            if (!known_edges.empty()) at = known_edges[rng.next() % known_edges.size()];  // the config's own times
            break;
        }
        if (rng.next() % 5 == 0) at = now - static_cast<Millis>(rng.next() % kMinute);  // a clock set back
        for (Millis probe = at - 1; probe <= at + 1; ++probe, ++asked)
          check_same(reused, fresh, probe, "journey " + std::to_string(journey) + " step " + std::to_string(step) + " at " + std::to_string(probe));
        now = std::max(now, at + 1);
      }
    }
    evaluated += reused.evaluations();
  }
  return {asked, evaluated};
}

}  // namespace

TEST_CASE("a reused evaluation answers as a fresh one for short windows, thresholds, caps, cooldowns and schedules") {
  // Windows whose edges fall on half minutes as well as whole ones, so that one edge cannot
  // hide another's.
  const char* config = R"({"version":1,"settings":{"session_timeout":"5m"},
    "segments":[
      {"id":"recent","rule":{"count":"view_item","within":"90s","gte":2}},
      {"id":"cart_wait","rule":{"since":"add_to_cart","between":["2m","9m"]}},
      {"id":"idle","rule":{"since":"page_view","gt":"45s"}},
      {"id":"again","rule":{"count":"view_item","per":"item_category","within":"4m","gte":2}},
      {"id":"browsing","rule":{"distinct":"view_item.item_category","within":"3m","gte":2}},
      {"id":"seq","rule":{"sequence":["view_item","add_to_cart"],"within":"150s"}},
      {"id":"before","rule":{"count":"search","within":"150s","ago":"3m","gte":1}},
      {"id":"session_cart","rule":{"count":"add_to_cart","within":"session","gte":1}},
      {"id":"cooling","rule":{"trend":"view_item","within":"2m","lte":-0.5}},
      {"id":"scored","score":{"enter":2,"exit":1,"signals":[
        {"weight":1,"rule":{"count":"view_item","within":"2m","gte":1}},
        {"weight":1,"rule":{"since":"search","lt":"3m"}}]}}],
    "offers":[
      {"id":"a","slot":"one","segments":["recent","again"],"caps":{"day":1,"week":2},"priority":5},
      {"id":"b","slot":"one","segments":["browsing","scored"],"cooldown":"3m","caps":{"session":2},"priority":4},
      {"id":"c","slot":"one","segments":["idle"],"suppress":{"dismissed":"2m","converted":"4m"},"priority":3},
      {"id":"d","slot":"one","caps":{"day":1,"week":2}},
      {"id":"e2","slot":"two","segments":["cart_wait","seq","session_cart","before","cooling"],"priority":3},
      {"id":"h","slot":"two","cooldown":"1m"}]})";
  const auto [asked, evaluated] = compare_journeys(config, 1000, 60);
  CHECK(evaluated < asked);  // not a speed check: reuse happens, so the comparison means something
}

TEST_CASE("a reused evaluation answers as a fresh one for schedules and caps alone (no window to hide their edges)") {
  const char* config = R"({"version":1,"settings":{"session_timeout":"5m"},
    "segments":[{"id":"gold","rule":{"trait":"tier","eq":"gold"}}],
    "offers":[
      {"id":"morning","slot":"one","schedule":{"hours":[6,9]},"caps":{"session":2},"priority":4},
      {"id":"midweek","slot":"one","schedule":{"days":["tue","wed"],"hours":[0,2]},"priority":3},
      {"id":"launch","slot":"one","schedule":{"from":"2023-11-15T03:07Z","until":"2023-11-15T03:41Z"},"priority":2},
      {"id":"weekly","slot":"one","caps":{"week":1},"priority":1},
      {"id":"daily","slot":"one","caps":{"day":1,"week":3}},
      {"id":"last","slot":"one","cooldown":"2m"},
      {"id":"quiet","slot":"two","suppress":{"dismissed":"3m","converted":"1d"}},
      {"id":"gold_only","slot":"two","segments":["gold"],"cooldown":"90s","priority":1}]})";
  const Millis launch_from = 1700006400000LL + 3 * kHour + 7 * kMinute, launch_until = launch_from + 34 * kMinute;
  const auto [asked, evaluated] = compare_journeys(config, 5000, 80, {launch_from, launch_until});
  CHECK(evaluated < asked);
}
