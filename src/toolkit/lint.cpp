// Checks before publishing (see lint.hpp). The verdicts come from the compiled Program, where the
// compiler has settled defaults, windows and references; the words come from the JSON the owner
// wrote (rule_words.cpp), which the Program does not keep.
#include "shopper_segments/lint.hpp"

#include <algorithm>

#include "engine/text_number.hpp"
#include "event_vocabulary.hpp"
#include "never_holds.hpp"
#include "quoted.hpp"
#include "rule_shape.hpp"
#include "rule_words.hpp"
#include "segment_implies.hpp"
#include "shopper_segments/toolkit.hpp"

namespace seg {
namespace {

std::string listed(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + items[i];
  return out;
}

bool serves_everyone(const OfferDef& o) { return o.segments.empty() && o.rule < 0; }

// What can keep an offer from showing although its audience holds, in words; empty: nothing.
std::vector<std::string> blockers(const OfferDef& o) {
  std::vector<std::string> out;
  if (o.cap_session >= 0) out.push_back("a cap per session");
  if (o.cap_day >= 0) out.push_back("a cap per day");
  if (o.cap_week >= 0) out.push_back("a cap per week");
  if (o.cooldown > 0) out.push_back("a cooldown");
  if (o.suppress_dismissed > 0 || o.suppress_converted > 0) out.push_back("a pause after a dismissal or a conversion");
  if (o.day_mask != 0x7f || o.hour_from != 0 || o.hour_to != 24 || o.from != 0 || o.until != 0) out.push_back("a schedule");
  if (o.holdout > 0) out.push_back("a holdout");
  return out;
}

std::string and_listed(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) out += (i == 0 ? "" : i + 1 == items.size() ? " and " : ", ") + items[i];
  return out;
}

class Checks {
 public:
  Checks(const Program& p, const OrderedJson& doc)
      : p_(p), doc_(doc), names_(segment_names(doc.is_object() && doc.contains("segments") ? doc["segments"] : OrderedJson())),
        never_(p, Wording{[this](int node) { return quote(node); }, [this](int s) { return segment_name(s); }}),
        implies_(p) {}

  std::vector<Finding> run() {
    never_holding_segments();
    offers_that_never_win();
    slots_without_fallback();
    identical_segments();
    offers_that_tie();
    unused_segments();
    unknown_events();
    return std::move(out_);
  }

 private:
  void add(const char* severity, const char* code, std::string path, std::string message, std::string related = "") {
    out_.push_back(Finding{severity, code, std::move(path), std::move(message), std::move(related)});
  }

  const SegmentDef& segment(int i) const { return p_.segments[static_cast<std::size_t>(i)]; }
  const OfferDef& offer(int i) const { return p_.offers[static_cast<std::size_t>(i)]; }
  int offer_count() const { return static_cast<int>(p_.offers.size()); }
  int segment_count() const { return static_cast<int>(p_.segments.size()); }

  // A name shared with another one gets its id too, so no message leaves a doubt which is meant.
  template <typename Def, typename NameOf>
  static std::string display_name(const std::vector<Def>& all, int i, NameOf name_of) {
    const Def& def = all[static_cast<std::size_t>(i)];
    const std::string name = name_of(def);
    if (name.empty()) return quoted(def.id);
    const auto same = std::count_if(all.begin(), all.end(), [&](const Def& other) { return name_of(other) == name; });
    return same > 1 ? quoted(name) + " (" + def.id + ")" : quoted(name);
  }
  std::string segment_name(int i) const {
    return display_name(p_.segments, i, [](const SegmentDef& s) { return s.name; });
  }
  // Offers have no name of their own: owners know them by their title, as the studio lists them.
  std::string offer_name(int i) const {
    return display_name(p_.offers, i, [](const OfferDef& o) { return o.content.title; });
  }
  std::string quote(int node) const {
    const Node& n = p_.nodes[static_cast<std::size_t>(node)];
    const OrderedJson* rule = at_pointer(doc_, n.path);
    return rule ? quoted(rule_words(*rule, names_)) : "the condition at " + n.path;
  }

  void never_holding_segments() {
    for (int i = 0; i < segment_count(); ++i) {
      if (const auto& why = never_.segment(i))
        add("error", "segment_never_holds", why->path, "Segment " + segment_name(i) + " can never hold: " + why->reason + ".");
    }
  }

  void offers_that_never_win() {
    for (int i = 0; i < offer_count(); ++i) {
      const OfferDef& o = offer(i);
      const bool hopeless = !o.segments.empty() && std::all_of(o.segments.begin(), o.segments.end(), [&](int s) {
        return never_.segment(s).has_value();
      });
      if (hopeless) {
        std::vector<std::string> names;
        for (int s : o.segments) names.push_back(segment_name(s));
        add("error", "offer_never_wins", o.path + "/segments",
            "Offer " + offer_name(i) + " can never show: every segment it serves (" + listed(names) + ") can never hold.");
        continue;
      }
      if (o.rule >= 0) {
        if (auto why = never_.rule(o.rule)) {
          add("error", "offer_never_wins", why->path, "Offer " + offer_name(i) + " can never show: its own rule never holds (" + why->reason + ").");
          continue;
        }
      }
      // An offer for everyone that nothing ever blocks, above it in its slot, always wins first.
      bool beaten = false;
      for (int j = 0; j < offer_count(); ++j) {
        const OfferDef& other = offer(j);
        if (j == i || other.slot_index != o.slot_index || !serves_everyone(other) || !always_there(other) ||
            other.priority <= o.priority)
          continue;
        add("error", "offer_never_wins", o.path + "/priority",
            "Offer " + offer_name(i) + " can never win in slot " + o.slot + ": offer " + offer_name(j) + " (priority " +
                integer_text(other.priority) + ") serves everyone, is never capped, scheduled or held out, and always comes first.",
            other.path);
        beaten = true;
        break;
      }
      if (!beaten) always_outranked(i);
    }
  }

  // Never capped, cooled down, suppressed, scheduled, held out or paused, and no rule of its own:
  // whenever its audience holds, it is a candidate nothing blocks.
  static bool always_there(const OfferDef& o) { return blockers(o).empty() && !o.paused && o.rule < 0; }

  // Every segment of offer `i` implies a segment served by another offer of the slot that is always
  // there and ranks higher for every such visitor: offer `i` can never win. Names, per segment, the
  // offer that always outranks it and the numbers that decide.
  void always_outranked(int i) {
    const OfferDef& o = offer(i);
    if (o.segments.empty()) return;
    int own_best = segment(o.segments.front()).priority;  // the best segment priority offer `i` can rank with
    for (int s : o.segments) own_best = std::max(own_best, segment(s).priority);
    std::vector<std::string> reasons;
    std::string related;
    for (int s : o.segments) {
      std::string why;
      for (int j = 0; j < offer_count() && why.empty(); ++j) {
        const OfferDef& w = offer(j);
        if (j == i || w.slot_index != o.slot_index || w.segments.empty() || !always_there(w) || w.priority < o.priority) continue;
        for (int t : w.segments) {
          const bool higher = w.priority > o.priority || segment(t).priority > own_best;
          if (!higher || !implies_.implies(s, t)) continue;
          const std::string rank = w.priority > o.priority
              ? "priority " + integer_text(w.priority) + " > " + integer_text(o.priority)
              : "same priority " + integer_text(w.priority) + ", segment priority " + integer_text(segment(t).priority) + " > " +
                    integer_text(own_best);
          why = (s == t ? "every visitor in " + segment_name(s) + " is offered " : "every visitor in " + segment_name(s) + " is also in " +
                 segment_name(t) + ", whose offer ") + offer_name(j) + " (" + rank + ") is never capped, scheduled or held out";
          if (related.empty()) related = w.path;
          break;
        }
      }
      if (why.empty()) return;  // some visitors of this segment may see it
      reasons.push_back(why);
    }
    add("error", "offer_never_wins", o.path + "/priority",
        "Offer " + offer_name(i) + " can never win in slot " + o.slot + ": " + and_listed(reasons) + ". Raise its priority or narrow its segments.",
        related);
  }

  void slots_without_fallback() {
    for (std::size_t s = 0; s < p_.slots.size(); ++s) {
      const auto& offers = p_.slot_offers[s];
      std::vector<int> fallbacks;
      for (int i : offers)
        if (serves_everyone(offer(i))) fallbacks.push_back(i);
      if (fallbacks.empty()) {
        add("warning", "slot_without_fallback", offer(offers.front()).path + "/slot",
            "Slot " + p_.slots[s] + " has no fallback offer (one with no segments and no rule): visitors who match none of its offers see the slot's own content.");
        continue;
      }
      const bool always_one = std::any_of(fallbacks.begin(), fallbacks.end(), [&](int i) { return blockers(offer(i)).empty(); });
      if (!always_one) {
        const int first = fallbacks.front();
        add("note", "fallback_can_be_blocked", offer(first).path,
            "The fallback of slot " + p_.slots[s] + ", " + offer_name(first) + ", has " + and_listed(blockers(offer(first))) +
                ", so the slot is sometimes empty.");
      }
    }
  }

  void identical_segments() {
    for (int i = 0; i < segment_count(); ++i) {
      for (int j = 0; j < i; ++j) {
        if (!same_definition(p_, segment(j), segment(i))) continue;
        add("warning", "identical_segments", segment(i).path,
            "Segments " + segment_name(j) + " and " + segment_name(i) + " have identical rules: they always hold together.",
            segment(j).path);
        break;
      }
    }
  }

  void offers_that_tie() {
    for (int i = 0; i < offer_count(); ++i) {
      for (int j = i + 1; j < offer_count(); ++j) {
        const OfferDef& a = offer(i);
        const OfferDef& b = offer(j);
        if (a.slot_index != b.slot_index || a.priority != b.priority) continue;
        std::vector<std::string> shared;
        for (int s : a.segments)
          if (std::find(b.segments.begin(), b.segments.end(), s) != b.segments.end()) shared.push_back(segment_name(s));
        if (shared.empty() && !(serves_everyone(a) && serves_everyone(b))) continue;
        add("warning", "offers_tie", b.path + "/priority",
            "Offers " + offer_name(i) + " and " + offer_name(j) + " in slot " + a.slot + " both serve " +
                (shared.empty() ? std::string("everyone") : listed(shared)) + " at priority " + integer_text(a.priority) +
                ": only their order in the config decides, so " + offer_name(j) + " shows only when " + offer_name(i) + " is blocked.",
            a.path);
      }
    }
  }

  void unused_segments() {
    std::vector<bool> used(p_.segments.size(), false);
    for (const auto& o : p_.offers)
      for (int s : o.segments) used[static_cast<std::size_t>(s)] = true;
    for (const auto& n : p_.nodes)
      if (n.kind == NodeKind::SegmentRef && n.segment >= 0) used[static_cast<std::size_t>(n.segment)] = true;
    for (int i = 0; i < segment_count(); ++i) {
      if (used[static_cast<std::size_t>(i)] || never_.segment(i)) continue;
      add("note", "segment_unused", segment(i).path,
          "No offer serves segment " + segment_name(i) + "; it still shows in explanations and the page can read it.");
    }
  }

  // Event names that are neither GA4's nor declared in settings.events: a typo counts nothing.
  void unknown_events() {
    std::vector<std::string> vocabulary(known_events().begin(), known_events().end());
    const OrderedJson* settings = doc_.is_object() && doc_.contains("settings") ? &doc_["settings"] : nullptr;
    if (settings && settings->is_object() && settings->contains("events") && (*settings)["events"].is_array())
      for (const auto& e : (*settings)["events"])
        if (e.is_string()) vocabulary.push_back(e.get<std::string>());
    auto rules_of = [&](const char* list, auto&& each) {
      if (!doc_.is_object() || !doc_.contains(list) || !doc_[list].is_array()) return;
      const OrderedJson& items = doc_[list];
      for (std::size_t i = 0; i < items.size(); ++i) each(items[i], std::string("/") + list + "/" + std::to_string(i));
    };
    auto walk_item = [&](const OrderedJson& item, const std::string& path) {
      if (!item.is_object()) return;
      if (item.contains("rule")) walk_rule(item["rule"], path + "/rule", vocabulary);
      if (item.contains("score") && item["score"].is_object() && item["score"].contains("signals") && item["score"]["signals"].is_array()) {
        const OrderedJson& signals = item["score"]["signals"];
        for (std::size_t j = 0; j < signals.size(); ++j)
          if (signals[j].is_object() && signals[j].contains("rule"))
            walk_rule(signals[j]["rule"], path + "/score/signals/" + std::to_string(j) + "/rule", vocabulary);
      }
    };
    rules_of("segments", walk_item);
    rules_of("offers", walk_item);
  }

  void walk_rule(const OrderedJson& rule, const std::string& path, const std::vector<std::string>& vocabulary) {
    if (rule.is_array()) {
      for (std::size_t i = 0; i < rule.size(); ++i) walk_rule(rule[i], path + "/" + std::to_string(i), vocabulary);
      return;
    }
    if (!rule.is_object()) return;
    for (const char* key : {"count", "sum", "avg", "share", "trend", "since", "distinct"}) {
      if (!rule.contains(key) || !rule[key].is_string()) continue;
      const std::string& text = rule[key].get_ref<const std::string&>();
      check_event(text.substr(0, text.find('.')), path + "/" + key, vocabulary);
    }
    if (rule.contains("sequence") && rule["sequence"].is_array()) {
      const OrderedJson& steps = rule["sequence"];
      for (std::size_t i = 0; i < steps.size(); ++i) {
        const std::string at = path + "/sequence/" + std::to_string(i);
        if (steps[i].is_string()) check_event(steps[i].get<std::string>(), at, vocabulary);
        else if (steps[i].is_object() && steps[i].contains("event") && steps[i]["event"].is_string())
          check_event(steps[i]["event"].get<std::string>(), at + "/event", vocabulary);
      }
    }
    for (const char* key : {"all", "any"})
      if (rule.contains(key)) walk_rule(rule[key], path + "/" + key, vocabulary);
    if (rule.contains("not")) walk_rule(rule["not"], path + "/not", vocabulary);
  }

  void check_event(const std::string& event, const std::string& path, const std::vector<std::string>& vocabulary) {
    if (std::find(vocabulary.begin(), vocabulary.end(), event) != vocabulary.end()) return;
    const std::string suggestion = suggest_event(event, vocabulary);
    add("warning", "unknown_event", path,
        "The event " + quoted(event) + " is not one of Google Analytics 4's events nor declared in settings.events, so it may count nothing" +
            (suggestion.empty() ? std::string(".") : "; did you mean " + quoted(suggestion) + "?") +
            " Declare the shop's own events in settings.events.");
  }

  const Program& p_;
  const OrderedJson& doc_;
  SegmentNames names_;
  NeverHolds never_;
  SegmentImplies implies_;
  std::vector<Finding> out_;
};

}  // namespace

LintResult lint(std::string_view config_json) {
  LintResult result;
  CompileResult compiled = compile_config(config_json);
  if (!compiled.program) {
    result.issues = std::move(compiled.issues);
    return result;
  }
  // It compiled, so it is JSON; should nlohmann still refuse it, the words fall back to paths.
  OrderedJson doc = OrderedJson::parse(config_json.begin(), config_json.end(), nullptr, false);
  if (doc.is_discarded()) doc = OrderedJson::object();
  Checks checks(*compiled.program, doc);
  result.findings = checks.run();
  return result;
}

std::string lint_json(std::string_view config_json) {
  const LintResult r = lint(config_json);
  OrderedJson out = OrderedJson::object();
  OrderedJson issues = OrderedJson::array();
  for (const auto& i : r.issues) issues.push_back(OrderedJson{{"code", i.code}, {"path", i.path}, {"message", i.message}});
  OrderedJson findings = OrderedJson::array();
  for (const auto& f : r.findings) {
    OrderedJson item{{"severity", f.severity}, {"code", f.code}, {"path", f.path}, {"message", f.message}};
    if (!f.related.empty()) item["related"] = f.related;
    findings.push_back(std::move(item));
  }
  out["issues"] = std::move(issues);
  out["findings"] = std::move(findings);
  return out.dump(-1, ' ', false, OrderedJson::error_handler_t::replace);
}

}  // namespace seg
