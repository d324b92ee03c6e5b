// Checks before publishing (src/toolkit/lint.*): what they must find, where they point, how they
// name things, and no false alarm on the built-in catalogue. Ported from the studio's JavaScript
// checks (web/studio/checks.js and its browser tests), which these replace.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "shopper_segments/lint.hpp"
#include "shopper_segments/toolkit.hpp"

using namespace seg;

namespace {

std::vector<Finding> of_code(const LintResult& r, const std::string& code) {
  std::vector<Finding> out;
  for (const auto& f : r.findings)
    if (f.code == code) out.push_back(f);
  return out;
}

std::vector<std::string> paths(const std::vector<Finding>& findings) {
  std::vector<std::string> out;
  for (const auto& f : findings) out.push_back(f.path);
  std::sort(out.begin(), out.end());
  return out;
}

bool mentions(const Finding& f, const std::string& text) { return f.message.find(text) != std::string::npos; }

// Segments with one fallback offer, so only the segments are looked at.
LintResult lint_segments(const std::string& segments) {
  return lint(R"({"version":1,"segments":[)" + segments + R"(],"offers":[{"id":"fallback","slot":"hero","content":{"title":"t"}}]})");
}

// “name”, as the messages quote names and words.
std::string q(const std::string& text) { return "\xE2\x80\x9C" + text + "\xE2\x80\x9D"; }

}  // namespace

TEST_CASE("the built-in catalogue has no problem and nothing worth a look") {
  const LintResult r = lint(default_catalog_json());
  CHECK(r.issues.empty());
  for (const auto& f : r.findings) {
    INFO(f.code << " " << f.path << " " << f.message);
    CHECK(f.severity == "note");
  }
  // Its exit-intent fallback is capped: the one note, naming the offer by its title.
  REQUIRE(of_code(r, "fallback_can_be_blocked").size() == 1);
  CHECK(mentions(of_code(r, "fallback_can_be_blocked")[0], "slot exit_intent"));
  CHECK(mentions(of_code(r, "fallback_can_be_blocked")[0], "a cap per session"));
}

TEST_CASE("contradictory counts under an all can never hold; compatible ones can") {
  const LintResult r = lint_segments(R"(
    {"id":"three_and_one","rule":{"all":[
      {"count":"view_item","where":{"tags":"new"},"within":"7d","gte":3},
      {"count":"view_item","where":{"tags":"new"},"within":"7d","lte":1}]}},
    {"id":"nested","rule":{"all":[{"all":[{"count":"add_to_cart","gt":2}]},{"count":"add_to_cart","within":"lifetime","lt":3}]}},
    {"id":"bought_and_never","rule":{"all":[{"count":"purchase","gte":1},{"not":{"count":"purchase","within":"lifetime","gte":1}}]}},
    {"id":"below_zero","rule":{"count":"view_item","lt":0}},
    {"id":"fine_other_window","rule":{"all":[{"count":"view_item","within":"7d","gte":3},{"count":"view_item","within":"30d","lte":1}]}},
    {"id":"fine_sum","rule":{"all":[{"sum":"purchase.value","gt":2},{"sum":"purchase.value","lt":3}]}},
    {"id":"fine_other_filter","rule":{"all":[{"count":"view_item","where":{"tags":"new"},"gte":3},{"count":"view_item","lte":1}]}},
    {"id":"fine_any","rule":{"any":[{"count":"view_item","gte":3},{"count":"view_item","lte":1}]}})");
  REQUIRE(r.issues.empty());
  const auto never = of_code(r, "segment_never_holds");
  CHECK(paths(never) == std::vector<std::string>{"/segments/0/rule/all/1", "/segments/1/rule/all/1",
                                                 "/segments/2/rule/all/1/not", "/segments/3/rule"});
  for (const auto& f : never) CHECK(f.severity == "error");
  // The two conditions are quoted in words, not as paths or signs.
  const Finding& first = never[0];
  CHECK(mentions(first, "Segment " + q("three_and_one") + " can never hold"));
  CHECK(mentions(first, q("viewed an item (tags is new) at least 3 times in the last 7 days")));
  CHECK(mentions(first, q("viewed an item (tags is new) at most once in the last 7 days")));
  CHECK_FALSE(mentions(first, ">="));
  CHECK(mentions(never[2], q("never bought")));
  CHECK(mentions(never[3], "cannot occur"));
}

TEST_CASE("windows and filters compare as compiled: 1w is 7d, a filter's order does not matter") {
  const LintResult r = lint_segments(R"(
    {"id":"week","rule":{"all":[{"count":"view_item","within":"1w","gte":3},{"count":"view_item","within":604800000,"lte":1}]}},
    {"id":"order","rule":{"all":[{"count":"view_item","where":{"tags":"new","price":{"gte":10}},"gte":3},
                                 {"count":"view_item","where":{"price":{"gte":10},"tags":"new"},"lte":2}]}},
    {"id":"default_window","rule":{"all":[{"count":"view_item","gte":3},{"count":"view_item","within":"lifetime","lte":2}]}},
    {"id":"at_least_once","rule":{"all":[{"count":"view_item","within":"7d"},{"count":"view_item","within":"7d","lt":1}]}})");
  REQUIRE(r.issues.empty());
  CHECK(paths(of_code(r, "segment_never_holds")) ==
        std::vector<std::string>{"/segments/0/rule/all/1", "/segments/1/rule/all/1", "/segments/2/rule/all/1", "/segments/3/rule/all/1"});
}

TEST_CASE("other measures: shares, changes, time since, traits and context") {
  const LintResult r = lint_segments(R"(
    {"id":"share_gap","rule":{"all":[{"share":"view_item","where":{"tags":"sale"},"gte":0.8},{"share":"view_item","where":{"tags":"sale"},"lte":0.2}]}},
    {"id":"fall_below_all","rule":{"trend":"purchase","within":"90d","lt":-1}},
    {"id":"sum_may_fall_further","rule":{"trend":"purchase.value","within":"90d","lt":-1}},
    {"id":"since_gap","rule":{"all":[{"since":"purchase","gte":"30d"},{"since":"purchase","lte":"7d"}]}},
    {"id":"since_fine","rule":{"all":[{"since":"purchase","gte":"7d"},{"since":"purchase","lte":"30d"}]}},
    {"id":"trait_gap","rule":{"all":[{"trait":"customer_orders","gte":4},{"trait":"customer_orders","lt":2}]}},
    {"id":"two_zones","rule":{"all":[{"context":"timezone","eq":"Europe/Berlin"},{"context":"timezone","eq":"Europe/Paris"}]}},
    {"id":"one_zone","rule":{"all":[{"context":"timezone","eq":"Europe/Berlin"},{"context":"timezone","startsWith":"Europe/"}]}},
    {"id":"list_trait","rule":{"all":[{"trait":"interests","eq":"running"},{"trait":"interests","eq":"yoga"}]}})");
  REQUIRE(r.issues.empty());
  // A trait may be a list ("running" and "yoga"), so two required words of a trait are no contradiction.
  CHECK(paths(of_code(r, "segment_never_holds")) ==
        std::vector<std::string>{"/segments/0/rule/all/1", "/segments/1/rule", "/segments/3/rule/all/1",
                                 "/segments/5/rule/all/1", "/segments/6/rule/all/1"});
  const auto never = of_code(r, "segment_never_holds");
  const auto zones = std::find_if(never.begin(), never.end(), [](const Finding& f) { return f.path == "/segments/6/rule/all/1"; });
  REQUIRE(zones != never.end());
  CHECK(mentions(*zones, q("the time zone is Europe/Berlin")));
  CHECK(mentions(*zones, "two different values"));
}

TEST_CASE("empty or hopeless alternatives, and a condition with its opposite") {
  const LintResult r = lint_segments(R"(
    {"id":"empty_any","rule":{"all":[{"count":"view_item"},{"any":[]}]}},
    {"id":"hopeless_any","rule":{"any":[{"count":"view_item","lt":0},{"count":"add_to_cart","lt":0}]}},
    {"id":"hopeful_any","rule":{"any":[{"count":"view_item","lt":0},{"count":"add_to_cart","gte":1}]}},
    {"id":"opposite","rule":{"all":[{"trait":"vip","eq":true},{"not":{"trait":"vip","eq":true}}]}})");
  REQUIRE(r.issues.empty());
  CHECK(paths(of_code(r, "segment_never_holds")) ==
        std::vector<std::string>{"/segments/0/rule/all/1", "/segments/1/rule", "/segments/3/rule/all/0"});
  const auto never = of_code(r, "segment_never_holds");
  CHECK(mentions(never[1], "none of its alternatives"));
  CHECK(mentions(never[2], "its opposite"));
}

TEST_CASE("score signals whose weights cannot reach enter, and segments that need them, never hold") {
  const LintResult r = lint_segments(R"(
    {"id":"short","name":"Short of points","score":{"signals":[{"weight":1,"rule":{"count":"a"}},{"weight":2,"rule":{"count":"b"}}],"enter":4}},
    {"id":"reaches","score":{"signals":[{"weight":1,"rule":{"count":"a"}},{"weight":3,"rule":{"count":"b"}}],"enter":4}},
    {"id":"blocked_signal","score":{"signals":[{"weight":1,"rule":{"count":"a"}},{"weight":3,"rule":{"count":"b","lt":0}}],"enter":4}},
    {"id":"needs_short","rule":{"all":[{"segment":"short"},{"count":"view_item"}]}})");
  REQUIRE(r.issues.empty());
  const auto never = of_code(r, "segment_never_holds");
  CHECK(paths(never) == std::vector<std::string>{"/segments/0/score/enter", "/segments/2/score/enter", "/segments/3/rule/all/0"});
  // By name, not by id: the referenced segment is named as the owner named it.
  const auto needs = std::find_if(never.begin(), never.end(), [](const Finding& f) { return f.path == "/segments/3/rule/all/0"; });
  REQUIRE(needs != never.end());
  CHECK(mentions(*needs, q("Short of points")));
  CHECK_FALSE(mentions(*needs, q("short")));
}

TEST_CASE("a segment that needs a later segment that never holds is found too (evaluation order)") {
  const LintResult r = lint_segments(R"(
    {"id":"first","rule":{"segment":"second"}},
    {"id":"second","rule":{"count":"view_item","lt":0}})");
  REQUIRE(r.issues.empty());
  CHECK(paths(of_code(r, "segment_never_holds")) == std::vector<std::string>{"/segments/0/rule", "/segments/1/rule"});
}

TEST_CASE("offers beaten by an always-on higher-priority offer, ties, missing fallbacks and identical segments") {
  const LintResult r = lint(R"({"version":1,
    "segments":[
      {"id":"a","name":"Looker","rule":{"count":"view_item","within":"7d","gte":2}},
      {"id":"b","rule":{"count":"view_item","gte":2,"within":"1w"}}],
    "offers":[
      {"id":"always","slot":"hero","priority":50,"content":{"title":"For everyone"}},
      {"id":"beaten","slot":"hero","segments":["a"],"priority":10,"content":{"title":"Beaten"}},
      {"id":"above","slot":"hero","segments":["a"],"priority":60,"content":{"title":"Above"}},
      {"id":"capped_fallback","slot":"cart","priority":50,"caps":{"session":1},"content":{"title":"Capped"}},
      {"id":"under_capped","slot":"cart","segments":["a"],"priority":5,"content":{"title":"Under"}},
      {"id":"tie_1","slot":"nudge","segments":["a"],"priority":5,"content":{"title":"Same"}},
      {"id":"tie_2","slot":"nudge","segments":["a","b"],"priority":5,"content":{"title":"Same"}}]})");
  REQUIRE(r.issues.empty());
  const auto beaten = of_code(r, "offer_never_wins");
  REQUIRE(beaten.size() == 1);
  CHECK(beaten[0].path == "/offers/1/priority");
  CHECK(beaten[0].related == "/offers/0");
  CHECK(mentions(beaten[0], "Offer " + q("Beaten") + " can never win in slot hero"));
  CHECK(mentions(beaten[0], q("For everyone") + " (priority 50)"));

  const auto no_fallback = of_code(r, "slot_without_fallback");
  REQUIRE(no_fallback.size() == 1);
  CHECK(no_fallback[0].path == "/offers/5/slot");
  CHECK(no_fallback[0].severity == "warning");
  CHECK(mentions(no_fallback[0], "Slot nudge"));

  const auto blocked = of_code(r, "fallback_can_be_blocked");
  REQUIRE(blocked.size() == 1);
  CHECK(blocked[0].path == "/offers/3");
  CHECK(blocked[0].severity == "note");

  const auto ties = of_code(r, "offers_tie");
  REQUIRE(ties.size() == 1);
  CHECK(ties[0].path == "/offers/6/priority");
  CHECK(ties[0].related == "/offers/5");
  // Both offers have the title "Same": the ids tell them apart.
  CHECK(mentions(ties[0], q("Same") + " (tie_1) and " + q("Same") + " (tie_2)"));
  CHECK(mentions(ties[0], "both serve " + q("Looker")));

  // "7d" and "1w" compile to one window: the segments are the same.
  const auto identical = of_code(r, "identical_segments");
  REQUIRE(identical.size() == 1);
  CHECK(identical[0].path == "/segments/1");
  CHECK(identical[0].related == "/segments/0");
  CHECK(mentions(identical[0], "Segments " + q("Looker") + " and " + q("b")));
}

TEST_CASE("offers that can never show: every segment never holds, or their own rule never holds") {
  const LintResult r = lint(R"({"version":1,
    "segments":[{"id":"never","rule":{"count":"view_item","lt":0}},{"id":"fine","rule":{"count":"view_item"}}],
    "offers":[
      {"id":"for_never","slot":"hero","segments":["never"],"content":{"title":"Nobody"}},
      {"id":"for_some","slot":"hero","segments":["never","fine"],"content":{"title":"Some"}},
      {"id":"own_rule","slot":"hero","rule":{"all":[{"count":"purchase","gte":2},{"count":"purchase","lte":1}]},"content":{"title":"Rule"}},
      {"id":"fallback","slot":"hero","priority":-1,"caps":{"day":1},"content":{"title":"Fallback"}}]})");
  REQUIRE(r.issues.empty());
  const auto never = of_code(r, "offer_never_wins");
  CHECK(paths(never) == std::vector<std::string>{"/offers/0/segments", "/offers/2/rule/all/1"});
  CHECK(mentions(never[0], "every segment it serves (" + q("never") + ")"));
  CHECK(mentions(never[1], "its own rule never holds"));
  // A segment that never holds is reported as such, not also as unused.
  CHECK(of_code(r, "segment_unused").empty());
}

TEST_CASE("segments no offer serves and no rule needs are noted") {
  const LintResult r = lint(R"({"version":1,
    "segments":[{"id":"served","rule":{"count":"a"}},{"id":"needed","rule":{"count":"b"}},{"id":"alone","name":"On its own","rule":{"count":"c"}}],
    "offers":[{"id":"o","slot":"hero","segments":["served"],"rule":{"segment":"needed"},"content":{"title":"t"}},
              {"id":"f","slot":"hero","content":{"title":"f"}}]})");
  REQUIRE(r.issues.empty());
  const auto unused = of_code(r, "segment_unused");
  REQUIRE(unused.size() == 1);
  CHECK(unused[0].path == "/segments/2");
  CHECK(unused[0].severity == "note");
  CHECK(mentions(unused[0], q("On its own")));
}

TEST_CASE("a configuration with issues gives its issues and no findings") {
  const LintResult r = lint(R"({"version":1,"segments":[{"id":"a","rule":{"count":"view_item","gte":"two"}}]})");
  CHECK(r.findings.empty());
  REQUIRE(r.issues.size() == 1);
  CHECK(r.issues[0].code == "type_mismatch");
  CHECK(lint("{").issues.at(0).code == "json_syntax");
}

TEST_CASE("lint_json: issues and findings with severity, code, path, message and related") {
  const auto doc = nlohmann::json::parse(lint_json(R"({"version":1,"segments":[{"id":"a","rule":{"count":"search"}},{"id":"b","rule":{"count":"search"}}],
    "offers":[{"id":"o","slot":"hero","segments":["a","b"],"content":{"title":"t"}}]})"));
  REQUIRE(doc["issues"].is_array());
  CHECK(doc["issues"].empty());
  REQUIRE(doc["findings"].size() == 2);
  const auto& identical = doc["findings"][1];
  CHECK(identical["severity"] == "warning");
  CHECK(identical["code"] == "identical_segments");
  CHECK(identical["path"] == "/segments/1");
  CHECK(identical["related"] == "/segments/0");
  CHECK(identical["message"].get<std::string>().find("identical rules") != std::string::npos);
  CHECK_FALSE(doc["findings"][0].contains("related"));  // the slot without fallback has no second place

  const auto invalid = nlohmann::json::parse(lint_json("[]"));
  CHECK(invalid["issues"][0]["code"] == "type_mismatch");
  CHECK(invalid["findings"].empty());
}

TEST_CASE("an offer whose every segment implies one with a better offer that is always there can never win") {
  const LintResult r = lint(R"({"version":1,
    "segments":[
      {"id":"new_prospect","name":"New prospect","priority":10,"rule":{"not":{"count":"purchase"}}},
      {"id":"sale_hunter","name":"Sale hunter","rule":{"all":[{"segment":"new_prospect"},{"count":"view_item","where":{"tags":"sale"}}]}},
      {"id":"viewer","name":"Viewer","priority":50,"rule":{"count":"view_item"}},
      {"id":"sale_viewer","name":"Sale viewer","rule":{"all":[{"count":"view_item"},{"count":"search"}]}},
      {"id":"other","name":"Other","rule":{"count":"search"}},
      {"id":"capped_seg","name":"Capped seg","rule":{"count":"add_to_cart"}},
      {"id":"below_capped","name":"Below capped","rule":{"all":[{"count":"add_to_cart"},{"count":"search"}]}}],
    "offers":[
      {"id":"welcome","slot":"hero","segments":["new_prospect"],"priority":20,"content":{"title":"New here?"}},
      {"id":"sale_hero","slot":"hero","segments":["sale_hunter"],"content":{"title":"Sale picks"}},
      {"id":"viewer_hero","slot":"side","segments":["viewer"],"priority":5,"content":{"title":"Seen it?"}},
      {"id":"same_prio","slot":"side","segments":["sale_viewer"],"priority":5,"content":{"title":"Same priority"}},
      {"id":"two_segs","slot":"side","segments":["sale_viewer","other"],"priority":1,"content":{"title":"Two segments"}},
      {"id":"capped","slot":"cart","segments":["capped_seg"],"priority":90,"caps":{"day":1},"content":{"title":"Capped"}},
      {"id":"under","slot":"cart","segments":["below_capped"],"content":{"title":"Under"}},
      {"id":"paused_top","slot":"foot","segments":["capped_seg"],"priority":90,"paused":true,"content":{"title":"Paused"}},
      {"id":"under_paused","slot":"foot","segments":["below_capped"],"content":{"title":"Under paused"}}]})");
  REQUIRE(r.issues.empty());
  const auto never = of_code(r, "offer_never_wins");
  // "Sale picks" (through a reference) and "Same priority" (through a shared condition, on segment
  // priority); not "Two segments" ("Other" visitors need not be viewers), nor offers under a capped
  // or paused one.
  REQUIRE(paths(never) == std::vector<std::string>{"/offers/1/priority", "/offers/3/priority"});
  const Finding& sale = never[0].path == "/offers/1/priority" ? never[0] : never[1];
  const Finding& same = never[0].path == "/offers/1/priority" ? never[1] : never[0];
  CHECK(sale.related == "/offers/0");
  CHECK(mentions(sale, "Offer " + q("Sale picks") + " can never win in slot hero: every visitor in " + q("Sale hunter") +
                           " is also in " + q("New prospect") + ", whose offer " + q("New here?") + " (priority 20 > 0)"));
  CHECK(same.related == "/offers/2");
  CHECK(mentions(same, "also in " + q("Viewer") + ", whose offer " + q("Seen it?") + " (same priority 5, segment priority 50 > 0)"));
}

TEST_CASE("the built-in catalogue has no offer that is always outranked") {
  const LintResult r = lint(default_catalog_json());
  REQUIRE(r.issues.empty());
  CHECK(of_code(r, "offer_never_wins").empty());
}

TEST_CASE("event names that are neither GA4's nor declared are warned about, with a suggestion") {
  const LintResult r = lint(R"({"version":1,
    "settings":{"events":["coupon_attempt"]},
    "segments":[
      {"id":"a","name":"A","rule":{"all":[{"count":"viewed product","gte":2},{"count":"view_item"},{"sum":"purchse.value","gte":10}]}},
      {"id":"b","name":"B","score":{"signals":[{"weight":1,"rule":{"not":{"since":"add to basket","lte":"1d"}}},
                                                {"weight":1,"rule":{"count":"coupon_attempt"}}],"enter":1}},
      {"id":"c","name":"C","rule":{"sequence":["add_to_cart",{"event":"check out"},"zzqx"],"within":"session"}}],
    "offers":[{"id":"o","slot":"hero","segments":["a","b","c"],"rule":{"any":[{"distinct":"veiw_item.item_id","gte":2}]},"content":{"title":"t"}},
              {"id":"f","slot":"hero","content":{"title":"f"}}]})");
  REQUIRE(r.issues.empty());
  const auto unknown = of_code(r, "unknown_event");
  CHECK(paths(unknown) == std::vector<std::string>{"/offers/0/rule/any/0/distinct", "/segments/0/rule/all/0/count",
                                                   "/segments/0/rule/all/2/sum", "/segments/1/score/signals/0/rule/not/since",
                                                   "/segments/2/rule/sequence/1/event", "/segments/2/rule/sequence/2"});
  auto at = [&](const std::string& path) {
    for (const auto& f : unknown)
      if (f.path == path) return f;
    return Finding{};
  };
  CHECK(at("/segments/0/rule/all/0/count").severity == "warning");
  CHECK(mentions(at("/segments/0/rule/all/0/count"), "The event " + q("viewed product") + " is not one of Google Analytics 4's events"));
  CHECK(mentions(at("/segments/0/rule/all/0/count"), "did you mean " + q("view_item") + "?"));
  CHECK(mentions(at("/segments/0/rule/all/2/sum"), "did you mean " + q("purchase") + "?"));
  CHECK(mentions(at("/segments/1/score/signals/0/rule/not/since"), "did you mean " + q("add_to_cart") + "?"));
  CHECK(mentions(at("/segments/2/rule/sequence/1/event"), "did you mean " + q("begin_checkout") + "?"));
  CHECK(mentions(at("/offers/0/rule/any/0/distinct"), "did you mean " + q("view_item") + "?"));
  CHECK_FALSE(mentions(at("/segments/2/rule/sequence/2"), "did you mean"));
}

TEST_CASE("a declared event is known; settings.events is a list of names") {
  const std::string rule = R"("segments":[{"id":"a","rule":{"count":"chat_open"}}],"offers":[{"id":"f","slot":"hero","segments":["a"],"content":{"title":"f"}}]})";
  CHECK(of_code(lint(R"({"version":1,)" + rule), "unknown_event").size() == 1);
  CHECK(of_code(lint(R"({"version":1,"settings":{"events":["chat_open"]},)" + rule), "unknown_event").empty());
  const LintResult bad = lint(R"({"version":1,"settings":{"events":["ok", 5, ""]},)" + rule);
  REQUIRE(bad.issues.size() == 2);
  CHECK(bad.issues[0].code == "type_mismatch");
  CHECK(bad.issues[0].path == "/settings/events/1");
  CHECK(bad.issues[1].code == "bad_value");
  CHECK(bad.issues[1].path == "/settings/events/2");
  CHECK(lint(R"({"version":1,"settings":{"events":"chat_open"},)" + rule).issues.at(0).path == "/settings/events");
}

TEST_CASE("the built-in catalogue declares its own events: no unknown event") {
  const LintResult r = lint(default_catalog_json());
  REQUIRE(r.issues.empty());
  for (const auto& f : of_code(r, "unknown_event")) FAIL(f.path << ": " << f.message);
}

TEST_CASE("suggestions are bounded: long names and a long declared list stay quick and sane") {
  std::string events;
  for (int i = 0; i < 256; ++i) events += std::string(i ? "," : "") + "\"custom_event_" + std::to_string(i) + "\"";
  const std::string huge(250, 'x');
  const LintResult r = lint(R"({"version":1,"settings":{"events":[)" + events + R"(]},"segments":[{"id":"a","rule":{"count":")" + huge +
                            R"("}}],"offers":[{"id":"f","slot":"hero","segments":["a"],"content":{"title":"f"}}]})");
  REQUIRE(r.issues.empty());
  const auto unknown = of_code(r, "unknown_event");
  REQUIRE(unknown.size() == 1);
  CHECK_FALSE(mentions(unknown[0], "did you mean"));
}
