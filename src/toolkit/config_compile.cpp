// Config JSON -> Program: parse, validate everything (collecting every issue), resolve segment
// references, order segments so references come first, and list the slots.
#include <algorithm>
#include <cmath>

#include "compile_context.hpp"
#include "grammar.hpp"
#include "shopper_segments/toolkit.hpp"
#include "config_document.hpp"
#include "engine/offer_numbers.hpp"

namespace seg {
namespace {

bool valid_id(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

// Three capital letters: the shape of every ISO 4217 code. Which codes exist changes over time
// and is the browser's to know (Intl.NumberFormat formats any well-formed code).
bool is_currency_code(const std::string& code) {
  return code.size() == 3 && std::all_of(code.begin(), code.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

void compile_settings(CompileContext& cx, const json& s, const std::string& path) {
  if (!cx.expect_type(s, Json::Type::Object, path, "\"settings\"")) return;
  cx.check_keys(s, path, {"session_timeout", "state_ttl", "control_group", "salt", "currency", "events"});
  Settings& out = cx.program.settings;
  if (s.contains("session_timeout")) {
    const std::string at = pointer_append(path, "session_timeout");
    if (cx.get_duration(s["session_timeout"], at, out.session_timeout, "\"session_timeout\"") && out.session_timeout < kMinute) {
      cx.issue("bad_value", at, "\"session_timeout\" must be at least one minute.");
    }
  }
  if (s.contains("state_ttl")) {
    const std::string at = pointer_append(path, "state_ttl");
    if (cx.get_duration(s["state_ttl"], at, out.state_ttl, "\"state_ttl\"") && out.state_ttl < kHour) {
      cx.issue("bad_value", at, "\"state_ttl\" must be at least one hour.");
    }
  }
  if (s.contains("control_group")) cx.get_share(s["control_group"], pointer_append(path, "control_group"), out.control_group, "\"control_group\"");
  if (s.contains("salt")) cx.get_string(s["salt"], pointer_append(path, "salt"), out.salt, "\"salt\"");
  // The shop's own event names besides GA4's (checked by lint, not by the engine: any name counts).
  if (s.contains("events")) {
    const std::string at = pointer_append(path, "events");
    const json& events = s["events"];
    if (cx.expect_type(events, Json::Type::Array, at, "\"events\"")) {
      if (events.size() > kMaxList) cx.issue("too_large", at, "\"events\" lists at most 256 events.");
      for (std::size_t i = 0; i < events.size() && i < kMaxList; ++i) {
        std::string name;
        if (cx.get_string(events[i], pointer_append(at, i), name, "An event name", 64) && name.empty())
          cx.issue("bad_value", pointer_append(at, i), "An event name is not empty.");
      }
    }
  }
  if (s.contains("currency")) {
    const std::string at = pointer_append(path, "currency");
    std::string code;
    if (cx.get_string(s["currency"], at, code, "\"currency\"")) {
      if (!is_currency_code(code))
        cx.issue("bad_value", at, "\"currency\" is an ISO 4217 code such as \"EUR\", \"USD\" or \"CHF\", not \"" + code.substr(0, 32) + "\".");
      else out.currency = code;
    }
  }
}

// Placeholders an offer's text may hold (engine/offer_numbers.hpp); any other "{name}" is a typo
// the shopper would read as it is.
void check_placeholders(CompileContext& cx, const std::string& text, const std::string& path) {
  for (const Placeholder& p : placeholders(text)) {
    if (p.known) continue;
    if (p.name == "amount_left" || p.name == "amount")
      cx.issue("bad_value", path, "\"{" + p.name + "}\" needs an amount of 0 or more, such as \"{" + p.name + ":50}\".");
    else
      cx.issue("bad_value", path, "\"{" + p.token.substr(0, 64) + "}\" is not a placeholder; an offer's text may use {cart_value}, "
                                  "{cart_quantity}, {amount_left:AMOUNT} and {amount:AMOUNT}.");
  }
}

// `why`: the sentence a shopper reads under "Why am I seeing this?". Plain words only, since the
// promise of the note is that it never speaks the rule language: no comparison signs and no
// underscores (ids, event and field keys have them; a sentence does not).
constexpr std::size_t kMaxWhyBytes = 200;

void get_why(CompileContext& cx, const json& parent, const std::string& path, std::string& out) {
  if (!parent.contains("why")) return;
  const std::string at = pointer_append(path, "why");
  std::string text;
  if (!cx.get_string(parent["why"], at, text, "The \"why\" sentence", kMaxWhyBytes)) return;
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    cx.issue("bad_value", at, "The \"why\" sentence is empty; leave it out to let the note speak from the rule.");
    return;
  }
  if (text.find_first_of("<>=_") != std::string::npos) {
    cx.issue("bad_value", at, "The \"why\" sentence is read by shoppers: write it in plain words, without comparison signs (<, >, =) or underscores.");
    return;
  }
  out = std::move(text);
}

void compile_segment(CompileContext& cx, const json& s, const std::string& path) {
  if (!cx.expect_type(s, Json::Type::Object, path, "A segment")) return;
  cx.check_keys(s, path, {"id", "name", "description", "why", "priority", "rule", "score"});
  SegmentDef def;
  def.path = path;
  if (!s.contains("id")) {
    cx.issue("missing_key", path, "A segment needs an \"id\".");
  } else if (cx.get_string(s["id"], pointer_append(path, "id"), def.id, "The segment id") && !valid_id(def.id)) {
    cx.issue("bad_value", pointer_append(path, "id"), "A segment id uses only a-z, 0-9, _ and -, at most 64 characters.");
  }
  if (s.contains("name")) cx.get_string(s["name"], pointer_append(path, "name"), def.name, "The name");
  if (s.contains("description")) cx.get_string(s["description"], pointer_append(path, "description"), def.description, "The description");
  get_why(cx, s, path, def.why);
  if (s.contains("priority")) cx.get_int(s["priority"], pointer_append(path, "priority"), -1000000, 1000000, def.priority, "The priority");
  const bool has_rule = s.contains("rule"), has_score = s.contains("score");
  if (has_rule == has_score) {
    cx.issue(has_rule ? "ambiguous_rule" : "missing_key", path,
             has_rule ? "A segment has either \"rule\" or \"score\", not both."
                      : "A segment needs a \"rule\" or a \"score\" with weighted signals.");
  } else if (has_rule) {
    def.root = cx.rule(s["rule"], pointer_append(path, "rule"), 0);
  } else {
    def.scored = true;
    const std::string at = pointer_append(path, "score");
    const json& sc = s["score"];
    if (cx.expect_type(sc, Json::Type::Object, at, "\"score\"")) {
      cx.check_keys(sc, at, {"signals", "enter", "exit"});
      if (!sc.contains("signals")) cx.issue("missing_key", at, "\"score\" needs \"signals\": a list of {\"weight\", \"rule\"}.");
      else if (cx.expect_type(sc["signals"], Json::Type::Array, pointer_append(at, "signals"), "\"signals\"")) {
        const json& list = sc["signals"];
        if (list.empty() || list.size() > kMaxList)
          cx.issue(list.empty() ? "bad_value" : "too_large", pointer_append(at, "signals"), "\"signals\" lists 1 to 256 signals.");
        for (std::size_t i = 0; i < list.size() && i < kMaxList; ++i) {
          const std::string sp = pointer_append(pointer_append(at, "signals"), i);
          if (!cx.expect_type(list[i], Json::Type::Object, sp, "A signal")) continue;
          cx.check_keys(list[i], sp, {"weight", "label", "rule"});
          Signal sig;
          if (list[i].contains("weight") && cx.get_number(list[i]["weight"], pointer_append(sp, "weight"), sig.weight, "The weight") &&
              sig.weight < 0) {
            cx.issue("bad_value", pointer_append(sp, "weight"), "A weight must not be negative.");
          }
          if (list[i].contains("label")) cx.get_string(list[i]["label"], pointer_append(sp, "label"), sig.label, "The label");
          if (!list[i].contains("rule")) cx.issue("missing_key", sp, "A signal needs a \"rule\".");
          else sig.root = cx.rule(list[i]["rule"], pointer_append(sp, "rule"), 0);
          def.signals.push_back(std::move(sig));
        }
      }
      if (!sc.contains("enter")) cx.issue("missing_key", at, "\"score\" needs \"enter\": the score at which a visitor enters.");
      else cx.get_number(sc["enter"], pointer_append(at, "enter"), def.enter, "\"enter\"");
      def.exit = def.enter;
      if (sc.contains("exit") && cx.get_number(sc["exit"], pointer_append(at, "exit"), def.exit, "\"exit\"") && def.exit > def.enter) {
        cx.issue("bad_value", pointer_append(at, "exit"), "\"exit\" must not be above \"enter\" (it is the lower threshold to stay in).");
      }
    }
  }
  if (cx.program.segment_index.count(def.id) && !def.id.empty()) {
    cx.issue("duplicate_id", pointer_append(path, "id"), "Another segment already has the id \"" + def.id + "\".");
    return;
  }
  if (!def.id.empty()) cx.program.segment_index[def.id] = static_cast<int>(cx.program.segments.size());
  cx.program.segments.push_back(std::move(def));
}

void compile_offer(CompileContext& cx, const json& o, const std::string& path, std::vector<std::pair<std::string, std::string>>& refs) {
  if (!cx.expect_type(o, Json::Type::Object, path, "An offer")) return;
  cx.check_keys(o, path, {"id", "slot", "segments", "rule", "priority", "content", "why", "caps", "cooldown", "suppress", "schedule", "holdout", "paused"});
  OfferDef def;
  def.path = path;
  if (!o.contains("id")) cx.issue("missing_key", path, "An offer needs an \"id\".");
  else if (cx.get_string(o["id"], pointer_append(path, "id"), def.id, "The offer id") && !valid_id(def.id))
    cx.issue("bad_value", pointer_append(path, "id"), "An offer id uses only a-z, 0-9, _ and -, at most 64 characters.");
  if (!o.contains("slot")) cx.issue("missing_key", path, "An offer needs a \"slot\": the place on the page it shows in.");
  else if (cx.get_string(o["slot"], pointer_append(path, "slot"), def.slot, "The slot") && !valid_id(def.slot))
    cx.issue("bad_value", pointer_append(path, "slot"), "A slot name uses only a-z, 0-9, _ and -, at most 64 characters.");
  if (o.contains("segments")) {
    const std::string at = pointer_append(path, "segments");
    if (cx.expect_type(o["segments"], Json::Type::Array, at, "\"segments\"")) {
      for (std::size_t i = 0; i < o["segments"].size() && i < kMaxList; ++i) {
        std::string id;
        if (cx.get_string(o["segments"][i], pointer_append(at, i), id, "A segment id")) refs.emplace_back(id, pointer_append(at, i));
      }
    }
  }
  if (o.contains("rule")) def.rule = cx.rule(o["rule"], pointer_append(path, "rule"), 0);
  get_why(cx, o, path, def.why);
  if (o.contains("priority")) cx.get_int(o["priority"], pointer_append(path, "priority"), -1000000, 1000000, def.priority, "The priority");
  if (o.contains("content")) {
    const std::string at = pointer_append(path, "content");
    const json& c = o["content"];
    if (cx.expect_type(c, Json::Type::Object, at, "\"content\"")) {
      cx.check_keys(c, at, {"title", "body", "cta", "link", "image"});
      auto text = [&](const char* key, std::string& out) {
        if (c.contains(key)) cx.get_string(c[key], pointer_append(at, key), out, "Offer text", kMaxOfferTextBytes);
      };
      text("title", def.content.title);
      text("body", def.content.body);
      text("cta", def.content.cta);
      check_placeholders(cx, def.content.title, pointer_append(at, "title"));
      check_placeholders(cx, def.content.body, pointer_append(at, "body"));
      check_placeholders(cx, def.content.cta, pointer_append(at, "cta"));
      text("link", def.content.link);
      text("image", def.content.image);
    }
  }
  if (o.contains("caps")) {
    const std::string at = pointer_append(path, "caps");
    const json& c = o["caps"];
    if (cx.expect_type(c, Json::Type::Object, at, "\"caps\"")) {
      cx.check_keys(c, at, {"session", "day", "week"});
      if (c.contains("session")) cx.get_int(c["session"], pointer_append(at, "session"), 0, 1000, def.cap_session, "A cap");
      if (c.contains("day")) cx.get_int(c["day"], pointer_append(at, "day"), 0, 1000, def.cap_day, "A cap");
      if (c.contains("week")) cx.get_int(c["week"], pointer_append(at, "week"), 0, 1000, def.cap_week, "A cap");
    }
  }
  if (o.contains("cooldown")) cx.get_duration(o["cooldown"], pointer_append(path, "cooldown"), def.cooldown, "\"cooldown\"");
  if (o.contains("suppress")) {
    const std::string at = pointer_append(path, "suppress");
    const json& s = o["suppress"];
    if (cx.expect_type(s, Json::Type::Object, at, "\"suppress\"")) {
      cx.check_keys(s, at, {"dismissed", "converted"});
      if (s.contains("dismissed")) cx.get_duration(s["dismissed"], pointer_append(at, "dismissed"), def.suppress_dismissed, "\"dismissed\"");
      if (s.contains("converted")) cx.get_duration(s["converted"], pointer_append(at, "converted"), def.suppress_converted, "\"converted\"");
    }
  }
  if (o.contains("schedule")) {
    const std::string at = pointer_append(path, "schedule");
    const json& s = o["schedule"];
    if (cx.expect_type(s, Json::Type::Object, at, "\"schedule\"")) {
      cx.check_keys(s, at, {"days", "hours", "from", "until"});
      if (s.contains("days") && cx.expect_type(s["days"], Json::Type::Array, pointer_append(at, "days"), "\"days\"")) {
        const auto& names = weekday_keys();
        def.day_mask = 0;
        for (std::size_t i = 0; i < s["days"].size() && i < 7 * 4; ++i) {
          std::string day;
          const std::string dp = pointer_append(pointer_append(at, "days"), i);
          if (!cx.get_string(s["days"][i], dp, day, "A day")) continue;
          auto it = std::find(names.begin(), names.end(), day);
          if (it == names.end()) cx.issue("bad_value", dp, "A day is one of mon, tue, wed, thu, fri, sat, sun.");
          else def.day_mask |= 1u << (it - names.begin());
        }
      }
      if (s.contains("hours")) {
        const std::string hp = pointer_append(at, "hours");
        const json& h = s["hours"];
        if (!h.is_array() || h.size() != 2) cx.issue("bad_value", hp, "\"hours\" is [from, to] in local hours 0-24, such as [9, 21].");
        else if (cx.get_int(h[0], pointer_append(hp, std::size_t{0}), 0, 24, def.hour_from, "An hour") &&
                 cx.get_int(h[1], pointer_append(hp, std::size_t{1}), 0, 24, def.hour_to, "An hour") && def.hour_from >= def.hour_to)
          cx.issue("bad_value", hp, "\"hours\" needs the start before the end, such as [9, 21].");
      }
      auto date = [&](const char* key, Millis& out, bool end_of_day) {
        if (!s.contains(key)) return;
        std::string text;
        const std::string dp = pointer_append(at, key);
        if (!cx.get_string(s[key], dp, text, "A date")) return;
        auto d = parse_date(text);
        if (!d) cx.issue("bad_value", dp, "A date is YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ (UTC).");
        else out = *d + (end_of_day && text.size() == 10 ? kDay : 0);
      };
      date("from", def.from, false);
      date("until", def.until, true);
      if (def.from && def.until && def.from >= def.until) cx.issue("bad_value", at, "\"from\" must come before \"until\".");
    }
  }
  if (o.contains("holdout")) cx.get_share(o["holdout"], pointer_append(path, "holdout"), def.holdout, "\"holdout\"");
  if (o.contains("paused") && cx.expect_type(o["paused"], Json::Type::Bool, pointer_append(path, "paused"), "\"paused\""))
    def.paused = o["paused"].boolean();
  if (!def.id.empty() && cx.program.offer_index.count(def.id)) {
    cx.issue("duplicate_id", pointer_append(path, "id"), "Another offer already has the id \"" + def.id + "\".");
    return;
  }
  if (!def.id.empty()) cx.program.offer_index[def.id] = static_cast<int>(cx.program.offers.size());
  if (!def.slot.empty()) {
    auto& slots = cx.program.slots;
    def.slot_index = static_cast<int>(std::find(slots.begin(), slots.end(), def.slot) - slots.begin());
    if (def.slot_index == static_cast<int>(slots.size())) {
      slots.push_back(def.slot);
      cx.program.slot_offers.emplace_back();
    }
    cx.program.slot_offers[static_cast<std::size_t>(def.slot_index)].push_back(static_cast<int>(cx.program.offers.size()));
  }
  cx.program.offers.push_back(std::move(def));
}

// Orders segments so that every referenced segment is evaluated before its referrers, and
// reports each cycle once.
void visit_segment(CompileContext& cx, const std::vector<std::vector<int>>& deps, std::vector<int>& state, int s) {
  Program& p = cx.program;
  const auto at = [](int i) { return static_cast<std::size_t>(i); };
  state[at(s)] = 1;  // on the path
  for (int d : deps[at(s)]) {
    if (state[at(d)] == 1) {
      cx.issue("segment_cycle", p.segments[at(s)].path,
               "Segment \"" + p.segments[at(s)].id + "\" depends on \"" + p.segments[at(d)].id +
                   "\", which depends back on it; break the cycle.");
    } else if (state[at(d)] == 0) {
      visit_segment(cx, deps, state, d);
    }
  }
  state[at(s)] = 2;  // done
  p.segment_order.push_back(s);
}

void order_segments(CompileContext& cx, const std::vector<std::vector<int>>& deps) {
  std::vector<int> state(cx.program.segments.size(), 0);
  for (std::size_t s = 0; s < cx.program.segments.size(); ++s)
    if (state[s] == 0) visit_segment(cx, deps, state, static_cast<int>(s));
}

// The segments a rule refers to (directly, through nested rules).
void collect_refs(const Program& p, int node, std::vector<int>& out) {
  if (node < 0) return;
  const Node& n = p.nodes[static_cast<std::size_t>(node)];
  if (n.kind == NodeKind::SegmentRef && n.segment >= 0) out.push_back(n.segment);
  for (int i = 0; i < n.count; ++i) collect_refs(p, p.children[static_cast<std::size_t>(n.first + i)], out);
}

// The index of a referenced segment, or -1 after an unknown_segment issue ("did you mean ...?").
int resolve_segment(CompileContext& cx, const std::string& id, const std::string& path) {
  auto it = cx.program.segment_index.find(id);
  if (it != cx.program.segment_index.end()) return it->second;
  if (cx.segment_ids.empty())
    for (const auto& s : cx.program.segments) cx.segment_ids.push_back(s.id);
  std::string message = "There is no segment \"" + id.substr(0, 64) + "\".";
  const auto asked = cx.segment_guesses.find(id);
  const std::string guess = asked != cx.segment_guesses.end()
                                ? asked->second
                                : cx.segment_guesses.emplace(id, closest_word(id, cx.segment_ids, cx.suggestion_cells)).first->second;
  if (!guess.empty()) message += " Did you mean \"" + guess + "\"?";
  cx.issue("unknown_segment", path, message);
  return -1;
}

}  // namespace

CompileResult compile_config(std::string_view text) {
  CompileResult result;
  auto program = std::make_shared<Program>();
  CompileContext cx{*program, result.issues, {}};
  if (text.size() > 4 * 1024 * 1024) {
    cx.issue("too_large", "", "A configuration is at most 4 MB.");
    return result;
  }
  json doc;
  if (!parse_config_document(text, doc, result.issues)) return result;
  if (!doc.is_object()) {
    cx.issue("type_mismatch", "", std::string("A configuration is a JSON object, not ") + json_type_name(doc) + ".");
    return result;
  }
  cx.check_keys(doc, "", {"version", "settings", "segments", "offers", "web", "$schema", "name"});
  if (!doc.contains("version")) cx.issue("missing_key", "", "The configuration needs \"version\": 1.");
  else if (!doc["version"].is_number() || doc["version"].number() != 1)
    cx.issue("bad_version", "/version", "This engine reads configuration version 1.");
  if (doc.contains("settings")) compile_settings(cx, doc["settings"], "/settings");
  if (doc.contains("segments") && cx.expect_type(doc["segments"], Json::Type::Array, "/segments", "\"segments\"")) {
    if (doc["segments"].size() > kMaxSegments) cx.issue("too_large", "/segments", "A configuration has at most 1000 segments.");
    else for (std::size_t i = 0; i < doc["segments"].size(); ++i) compile_segment(cx, doc["segments"][i], pointer_append("/segments", i));
  }
  std::vector<std::pair<std::string, std::string>> offer_refs;
  std::vector<std::size_t> offer_ref_owner;
  if (doc.contains("offers") && cx.expect_type(doc["offers"], Json::Type::Array, "/offers", "\"offers\"")) {
    if (doc["offers"].size() > kMaxOffers) cx.issue("too_large", "/offers", "A configuration has at most 1000 offers.");
    else for (std::size_t i = 0; i < doc["offers"].size(); ++i) {
      const std::size_t before = offer_refs.size();
      const std::size_t owner = program->offers.size();
      compile_offer(cx, doc["offers"][i], pointer_append("/offers", i), offer_refs);
      const bool kept = program->offers.size() > owner;
      if (!kept) offer_refs.resize(before);
      offer_ref_owner.resize(offer_refs.size(), owner);
    }
  }
  if (doc.contains("web") && !doc["web"].is_object()) cx.expect_type(doc["web"], Json::Type::Object, "/web", "\"web\"");
  else if (doc.contains("web")) cx.program.settings.web = doc["web"].dump();

  Program& p = *program;
  for (int node : cx.segment_refs) {
    Node& n = p.nodes[static_cast<std::size_t>(node)];
    n.segment = resolve_segment(cx, n.name, pointer_append(n.path, "segment"));
  }
  for (std::size_t i = 0; i < offer_refs.size(); ++i) {
    const int segment = resolve_segment(cx, offer_refs[i].first, offer_refs[i].second);
    if (segment >= 0) p.offers[offer_ref_owner[i]].segments.push_back(segment);
  }
  std::vector<std::vector<int>> deps(p.segments.size());
  for (std::size_t s = 0; s < p.segments.size(); ++s) {
    collect_refs(p, p.segments[s].root, deps[s]);
    for (const auto& sig : p.segments[s].signals) collect_refs(p, sig.root, deps[s]);
  }
  order_segments(cx, deps);

  if (!result.issues.empty()) return result;
  result.program = std::move(program);
  return result;
}

}  // namespace seg
