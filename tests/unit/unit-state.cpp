// Saved state: round trip, size budget, and every kind of bad state discarded with an issue.
#include <doctest/doctest.h>

#include <string>

#include "shopper_segments/engine.hpp"
#include "shopper_segments/toolkit.hpp"
#include "engine/json.hpp"
#include "engine/state_codec.hpp"
#include "engine/time_units.hpp"
#include "random_journey.hpp"

using namespace seg;
using seg::testing::Lcg;
using seg::testing::random_event;

namespace {

const Millis t0 = 1700000000000LL;

// What an engine with no visitor state answers under the built-in catalogue.
std::string catalog_segments_json(Millis now) {
  Engine empty(seg::default_catalog_program());
  return seg::segments_json(empty, now);
}

}  // namespace

TEST_CASE("save then load gives the same answers") {
  Engine a(seg::default_catalog_program());
  a.set_visitor_id("v1");
  a.set_trait("loyalty_tier", Value::of("gold"));
  a.set_context("timezone", Value::of("Europe/Berlin"));
  Lcg rng{7};
  Millis t = t0;
  for (int i = 0; i < 500; ++i, t += 37 * kMinute) a.track(random_event(rng), t);
  a.record("no-such-offer", Outcome::Shown, t);
  const std::string saved = a.save(t);
  Engine b(seg::default_catalog_program());
  b.set_visitor_id("v1");
  CHECK(b.load(saved, t + kHour).empty());
  CHECK(seg::segments_json(a, t + kHour) == seg::segments_json(b, t + kHour));
  CHECK(seg::decide_json(a, t + kHour) == seg::decide_json(b, t + kHour));
  CHECK(b.save(t + kHour) == a.save(t + kHour));
}

TEST_CASE("10,000 events over a year stay within the 16 KB budget") {
  Engine e(seg::default_catalog_program());
  e.set_visitor_id("heavy");
  Lcg rng{42};
  Millis t = t0;
  const Millis step = 365 * kDay / 10000;
  for (int i = 0; i < 10000; ++i, t += step) e.track(random_event(rng), t);
  const std::string saved = e.save(t);
  INFO("state bytes: " << saved.size());
  CHECK(saved.size() <= kStateBudget);
  Engine back(seg::default_catalog_program());
  CHECK(back.load(saved, t).empty());
}

TEST_CASE("corrupted, foreign, expired and newer state is discarded with an issue") {
  Engine e(seg::default_catalog_program());
  e.track(Event{"view_item"}, t0);
  const std::string good = e.save(t0);
  auto code_of = [&](const std::string& text, Millis now) {
    Engine fresh(seg::default_catalog_program());
    fresh.track(Event{"view_item"}, t0);  // state that must be replaced by an empty visitor, not merged
    auto issues = fresh.load(text, now);
    const bool emptied = seg::segments_json(fresh, now) == catalog_segments_json(now);
    CHECK(emptied);
    return issues.empty() ? std::string() : issues[0].code;
  };
  CHECK(code_of("", t0) == "state_corrupt");
  CHECK(code_of("{not json", t0) == "state_corrupt");
  CHECK(code_of(R"({"some":"other app"})", t0) == "state_corrupt");
  CHECK(code_of(R"([1,2,3])", t0) == "state_corrupt");
  std::string newer = good;
  newer.replace(newer.find("\"version\":2"), 11, "\"version\":3");
  CHECK(code_of(newer, t0) == "state_version");
  CHECK(code_of(good, t0 + 400 * kDay) == "state_expired");
  std::string damaged = good;
  damaged.replace(damaged.find("\"series\":{"), 10, "\"series\":[");
  CHECK(code_of(damaged, t0) == "state_corrupt");
  std::string negative = good;
  const auto at = negative.find("\"n\":");
  REQUIRE(at != std::string::npos);
  negative.replace(at, 4, "\"n\":-");
  CHECK(code_of(negative, t0) == "state_corrupt");
}

TEST_CASE("the cart is saved and loaded with the rest of the visitor") {
  Engine a(seg::default_catalog_program());
  a.set_visitor_id("v1");
  a.track(Event{"add_to_cart"}.str("item_id", "tee").str("tags", "sale").num("price", 39).num("quantity", 2), t0);
  a.track(Event{"add_to_cart"}.str("item_id", "cap").num("price", 12.5), t0 + kMinute);
  const std::string saved = a.save(t0 + kMinute);
  CHECK(saved.find("\"cart\"") != std::string::npos);
  Engine b(seg::default_catalog_program());
  REQUIRE(b.load(saved, t0 + 3 * kDay).empty());
  const Cart& cart = b.visitor().cart;
  REQUIRE(cart.lines.size() == 2);
  CHECK(cart.lines[0].item_id() == "tee");
  CHECK(cart.lines[0].quantity() == 2);
  CHECK(cart.lines[0].item.strings.size() == 2);  // item_id and tags
  CHECK(cart.measure(CartMeasure::Value, nullptr) == 90.5);
  CHECK(b.save(t0 + kMinute) == saved);
  // A purchase empties it, and an empty cart is not written at all.
  b.track(Event{"purchase"}.num("value", 90.5), t0 + 3 * kDay);
  CHECK(b.save(t0 + 3 * kDay).find("\"cart\"") == std::string::npos);
}

TEST_CASE("a cart too large for the budget sheds its fields, then folds lines, keeping value and quantity") {
  // 32 lines, each with a 256-byte id and 8 fields, all control characters (6 bytes each once
  // escaped): about 140 KB of cart, far over the 16 KB a saved state aims at.
  Engine a(seg::default_catalog_program());
  const auto text = [](char tag, std::size_t bytes) { return std::string(1, tag) + std::string(bytes - 1, '\x01'); };
  for (int i = 0; i < 32; ++i) {
    Event add{"add_to_cart"};
    add.str("item_id", text(static_cast<char>('A' + i), 256)).num("price", 10 + i).num("quantity", 1 + i % 3);
    for (int f = 0; f < 8; ++f) add.str("f" + std::to_string(f), text('x', 40));
    a.track(add, t0 + i * kMinute);
  }
  const Cart& before = a.visitor().cart;
  REQUIRE(before.lines.size() == 32);
  const double value = before.measure(CartMeasure::Value, nullptr), quantity = before.measure(CartMeasure::Quantity, nullptr);
  const std::string saved = a.save(t0 + 40 * kMinute);
  CHECK(saved.size() <= seg::kStateBudget);
  Engine b(seg::default_catalog_program());
  REQUIRE(b.load(saved, t0 + 41 * kMinute).empty());
  const Cart& after = b.visitor().cart;
  CHECK(after.lines.size() == 4);
  CHECK(after.lines[0].item_id() == before.lines[0].item_id());
  CHECK(after.lines[0].item.strings.size() == 1);  // the fields went first
  CHECK(after.measure(CartMeasure::Value, nullptr) == doctest::Approx(value));
  CHECK(after.measure(CartMeasure::Quantity, nullptr) == doctest::Approx(quantity));
  // A small cart is never shed.
  Engine c(seg::default_catalog_program());
  c.track(Event{"add_to_cart"}.str("item_id", "tee").str("tags", "sale").num("price", 39), t0);
  Engine d(seg::default_catalog_program());
  REQUIRE(d.load(c.save(t0), t0).empty());
  CHECK(d.visitor().cart.lines[0].item.strings.size() == 2);
}

TEST_CASE("a version 1 state (before the cart) still loads, with an empty cart") {
  Engine a(seg::default_catalog_program());
  a.set_visitor_id("v1");
  a.set_trait("customer_orders", Value::of(2.0));
  a.track(Event{"view_item"}.str("item_id", "tee"), t0);
  std::string old = a.save(t0);
  REQUIRE(old.find("\"cart\"") == std::string::npos);
  old.replace(old.find("\"version\":2"), 11, "\"version\":1");
  Engine b(seg::default_catalog_program());
  b.set_visitor_id("v1");
  CHECK(b.load(old, t0 + kHour).empty());
  CHECK(b.visitor().cart.empty());
  CHECK(seg::segments_json(b, t0 + kHour) == seg::segments_json(a, t0 + kHour));
  CHECK(b.visitor().traits.count("customer_orders") == 1);
}

TEST_CASE("a damaged cart is discarded with the state, never half-read") {
  Engine a(seg::default_catalog_program());
  a.track(Event{"add_to_cart"}.str("item_id", "tee").num("price", 39), t0);
  const std::string good = a.save(t0);
  const auto code_of = [&](std::string text) {
    Engine fresh(seg::default_catalog_program());
    const auto issues = fresh.load(text, t0);
    CHECK(fresh.visitor().cart.empty());
    return issues.empty() ? std::string() : issues[0].code;
  };
  const auto replaced = [&](const std::string& from, const std::string& to) {
    std::string text = good;
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
  };
  CHECK(code_of(replaced("[\"tee\",1,39,[]]", "[\"tee\",-1,39,[]]")) == "state_corrupt");  // a negative quantity
  CHECK(code_of(replaced("[\"tee\",1,39,[]]", "[\"tee\",0,39,[]]")) == "state_corrupt");   // an empty line
  CHECK(code_of(replaced("[\"tee\",1,39,[]]", "[\"tee\",1,39,[\"tags\"]]")) == "state_corrupt");  // a field without a value
  CHECK(code_of(replaced("[\"tee\",1,39,[]]", "[7,1,39,[]]")) == "state_corrupt");
  CHECK(code_of(replaced("\"xq\":0", "\"xq\":\"0\"")) == "state_corrupt");
  CHECK(code_of(replaced("\"cart\":{", "\"cart\":[{")) == "state_corrupt");
  std::string many = "\"l\":[";
  for (std::size_t i = 0; i <= kMaxCartLines; ++i) many += std::string(i ? "," : "") + "[\"x" + std::to_string(i) + "\",1,1,[]]";
  CHECK(code_of(replaced("\"l\":[", many + ",")) == "state_corrupt");  // more lines than a cart keeps
}

TEST_CASE("traits and context read from JSON objects with issues for bad values") {
  std::map<std::string, Value> values;
  auto issues = read_values(R"({"tier":"gold","orders":3,"vip":true,"tags":["a","b"],"bad":{"x":1},"gone":null})", values, "trait");
  CHECK(values.size() == 4);
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].code == "type_mismatch");
  CHECK(issues[0].path == "/bad");
  CHECK(read_values("[1]", values, "trait").at(0).code == "type_mismatch");
  CHECK(read_values("{", values, "trait").at(0).code == "json_syntax");
}

TEST_CASE("forget wipes the visitor but keeps the id") {
  Engine e(seg::default_catalog_program());
  e.set_visitor_id("v9");
  e.set_trait("tier", Value::of("gold"));
  e.track(Event{"purchase"}.num("value", 10), t0);
  e.forget();
  CHECK(e.visitor_id() == "v9");
  CHECK(seg::segments_json(e, t0) == catalog_segments_json(t0));
}

TEST_CASE("a visitor with offer history but no event yet round-trips (the lowest times are not saved)") {
  Engine e(seg::default_catalog_program());
  e.set_visitor_id("shown-only");
  REQUIRE(e.record("seasonal_edit_hero", Outcome::Shown, t0));
  e.set_context("timezone", Value::of("UTC"));
  const std::string saved = e.save(t0 + 1);
  Engine back(seg::default_catalog_program());
  CHECK(back.load(saved, t0 + 2).empty());
  CHECK(back.save(t0 + 1) == saved);
  // And it then behaves as a new visitor: the first event starts session 1.
  back.track(Event{"page_view"}, t0 + 3);
  e.track(Event{"page_view"}, t0 + 3);
  CHECK(back.save(t0 + 4) == e.save(t0 + 4));
}

TEST_CASE("the saved state is canonical JSON: parsed and dumped again it gives the same bytes") {
  // The state is written straight as text (no document tree); this holds it to the tree's
  // canonical form (sorted keys, the same numbers), for every kind of value and history.
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    Engine e(seg::default_catalog_program());
    e.set_visitor_id("v" + std::to_string(seed));
    e.set_trait("customer_orders", Value::of(static_cast<double>(seed)));
    e.set_trait("loyalty_tier", Value::of("gold \"vip\" \\ \u00e9"));
    e.set_trait("newsletter", Value::of_bool(seed % 2 == 0));
    e.set_trait("interests", Value::of(std::vector<std::string>{"shoes", "coffee"}));
    e.set_context("tz_offset", Value::of(-90.5));
    Lcg rng{seed};
    Millis t = t0;
    const int events = 50 + static_cast<int>(seed * 150);
    for (int i = 0; i < events; ++i, t += static_cast<Millis>(1 + rng.next() % 600) * kMinute) e.track(random_event(rng), t);
    for (const char* offer : {"win_back_hero", "restock_reminder_hero"}) {
      REQUIRE(e.record(offer, Outcome::Shown, t - kHour));
      REQUIRE(e.record(offer, Outcome::Shown, t));
    }
    REQUIRE(e.record("win_back_hero", Outcome::Dismissed, t));
    seg::segments_json(e, t);  // remembers scored memberships (hysteresis), saved as members
    const std::string saved = e.save(t);
    Json parsed;
    std::size_t error_offset = 0;
    REQUIRE(Json::parse(saved, parsed, error_offset));
    CHECK(parsed.dump() == saved);
    CHECK(parsed["visitor"].string() == "v" + std::to_string(seed));
    CHECK(parsed["series"].size() > 0);
    CHECK(parsed["offers"].size() == 2);
    CHECK(parsed["traits"].size() == 4);
  }
}

TEST_CASE("a state saved under a clock years ahead expires like any other and keeps counting") {
  // Before: its time of saving was in the future, so `now - saved` never passed the time-to-live,
  // and everything in it stayed years ahead of every later event.
  const char* config = R"({"version":1,"settings":{"state_ttl":"30d"},"segments":[{"id":"s","rule":{"count":"view_item","within":"7d","gte":2}}]})";
  Engine wrong;
  REQUIRE(seg::configure(wrong, config).empty());
  const Millis ahead = t0 + 4 * 365 * kDay;
  wrong.track(Event{"view_item"}, ahead);
  const std::string saved = wrong.save(ahead);
  Engine later;
  REQUIRE(seg::configure(later, config).empty());
  CHECK(later.load(saved, t0).empty());  // kept: it counts as saved now
  later.track(Event{"view_item"}, t0 + kMinute);
  CHECK(later.segments(t0 + 2 * kMinute).at(0).member);  // the re-dated view and this one
  CHECK(later.visitor().profile.latest <= t0 + kMinute);
  // Saved again now, it expires after its time-to-live from now.
  const std::string resaved = later.save(t0 + 2 * kMinute);
  Engine much_later;
  REQUIRE(seg::configure(much_later, config).empty());
  const Issues expired = much_later.load(resaved, t0 + 40 * kDay);
  REQUIRE(expired.size() == 1);
  CHECK(expired[0].code == "state_expired");
}

TEST_CASE("whatever setTraits accepts loads again: traits are bounded when set, with an issue") {
  Engine a(seg::default_catalog_program());
  a.track(Event{"view_item"}, t0);
  // 63 lists of 3 strings of 200 bytes and one of 64 (40 KB of traits, 800 KB at the other
  // limits' most), which the loader used to refuse whole on the next page view.
  std::string traits = "{";
  for (int k = 0; k < 64; ++k) {
    traits += (k ? ",\"" : "\"") + std::string(k == 63 ? "a/b~" : "t" + std::to_string(k)) + "\":[";
    for (int i = 0; i < (k == 63 ? 64 : 3); ++i) traits += (i ? ",\"" : "\"") + std::string(200, 'a' + static_cast<char>(k % 26)) + "\"";
    traits += "]";
  }
  traits += "}";
  const Issues issues = a.set_traits_json(traits);
  REQUIRE(!issues.empty());
  bool pointer_escaped = false;
  for (const Issue& issue : issues) {
    CHECK(issue.code == "too_large");
    CHECK(!issue.message.empty());
    pointer_escaped = pointer_escaped || issue.path == "/a~1b~0";
  }
  CHECK(pointer_escaped);
  CHECK(issues.size() < 64);  // the first lists fit
  CHECK(a.visitor().traits.size() == 64 - issues.size());
  const std::string saved = a.save(t0 + kMinute);
  CHECK(saved.size() <= kStateBudget);
  Engine b(seg::default_catalog_program());
  CHECK(b.load(saved, t0 + 2 * kMinute).empty());
  CHECK(b.visitor().traits.size() == a.visitor().traits.size());
  CHECK(b.visitor().profile.session_no == 1);
}

TEST_CASE("a profile over the budget sheds buckets and loads again, never discarded for its size") {
  // 300 features, each seen every minute for two hours: minute and hour buckets alone are far
  // over the 16 KB budget and used to pass the loader's 64 KB limit too.
  std::string config = R"({"version":1,"segments":[)";
  for (int i = 0; i < 300; ++i)
    config += (i ? "," : "") + std::string(R"({"id":"s)") + std::to_string(i) + R"(","rule":{"count":"e)" + std::to_string(i) +
              R"(","within":"90m","gte":1}})";
  config += "]}";
  Engine a;
  REQUIRE(seg::configure(a, config).empty());
  for (int m = 0; m < 120; ++m)
    for (int i = 0; i < 300; ++i) a.track(Event{"e" + std::to_string(i)}, t0 + m * kMinute);
  const std::string saved = a.save(t0 + 120 * kMinute);
  CHECK(saved.size() <= 1024 * 1024);
  Engine b;
  REQUIRE(seg::configure(b, config).empty());
  CHECK(b.load(saved, t0 + 121 * kMinute).empty());
  CHECK(b.visitor().profile.series.size() >= 300);
  double total = 0;
  for (const auto& s : b.visitor().profile.series) total += s.total_count;
  CHECK(total >= 300 * 120);  // lifetime totals survive every shedding step
}

TEST_CASE("a saved state with more traits than the limits keeps its profile and the values that fit") {
  Engine a(seg::default_catalog_program());
  a.track(Event{"view_item"}, t0);
  std::string saved = a.save(t0);
  std::string traits = "\"traits\":{";
  for (int k = 0; k < 100; ++k) traits += (k ? ",\"t" : "\"t") + std::to_string(k) + "\":" + std::to_string(k);
  traits += "}";
  const auto at = saved.find("\"traits\":{}");
  REQUIRE(at != std::string::npos);
  saved.replace(at, 11, traits);
  Engine b(seg::default_catalog_program());
  CHECK(b.load(saved, t0 + kMinute).empty());
  CHECK(b.visitor().traits.size() == kMaxTraits);
  CHECK(b.visitor().profile.session_no == 1);
}

TEST_CASE("a string cut at 256 bytes inside a UTF-8 character still saves a state that loads") {
  // Strings are cut to kMaxStringBytes; cut inside a two-byte character, the saved state held
  // invalid UTF-8, which the loader refuses as "not valid JSON": the whole profile was lost.
  Engine a(seg::default_catalog_program());
  std::string long_text = "a";
  for (int i = 0; i < 200; ++i) long_text += "\xC3\xA9";  // é
  a.track_packed("view_item", "item_id\x1f" + long_text + "\x1e" "item_category\x1f" + long_text, t0);
  a.set_visitor_id(long_text);
  a.set_trait("name", Value::of(long_text));
  const std::string saved = a.save(t0 + kMinute);
  CHECK(seg::is_valid_utf8(saved));
  Engine b(seg::default_catalog_program());
  CHECK(b.load(saved, t0 + 2 * kMinute).empty());
  CHECK(b.visitor().profile.session_no == 1);
}

TEST_CASE("offer histories and memberships gathered across programs never cost the whole state") {
  // Each program has at most 1,000 offers, but a visitor keeps histories of offers since removed:
  // a state holding more than 1,000 was refused whole by the loader.
  Engine a(seg::default_catalog_program());
  a.track(Event{"view_item"}, t0);
  std::string saved = a.save(t0);
  std::string offers = "\"offers\":{";
  for (int k = 0; k < 1100; ++k) offers += (k ? ",\"o" : "\"o") + std::to_string(k) + "\":[0,0,[" + std::to_string(t0) + "]]";
  offers += "}";
  std::string members = "\"members\":[";
  for (int k = 0; k < 1100; ++k) members += (k ? ",\"s" : "\"s") + std::to_string(k) + "\"";
  members += "]";
  const auto at = saved.find("\"offers\":{}");
  REQUIRE(at != std::string::npos);
  saved.replace(at, 11, offers);
  const auto m = saved.find("\"members\":[");
  REQUIRE(m != std::string::npos);
  saved.replace(m, saved.find(']', m) + 1 - m, members);
  Engine b(seg::default_catalog_program());
  CHECK(b.load(saved, t0 + kMinute).empty());
  CHECK(b.visitor().offers.size() == 1000);
  CHECK(b.visitor().profile.session_no == 1);
  // Saved again over the budget, histories of offers the program does not have go first.
  const std::string again = b.save(t0 + kMinute);
  CHECK(again.size() <= kStateBudget);
  Engine c(seg::default_catalog_program());
  CHECK(c.load(again, t0 + 2 * kMinute).empty());
  CHECK(c.visitor().profile.session_no == 1);
}
