// Rule words (see rule_words.hpp). Every rule form reads as a phrase a shop owner would say: events
// by their labels, durations in units ("7 days"), shares and changes in percent, segments by name,
// and comparisons in words, never as signs. Anything malformed still gives words: the studio shows
// them while a rule is being typed.
#include "rule_words.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <utility>
#include <vector>

#include "engine/text_number.hpp"
#include "engine/time_units.hpp"
#include "grammar.hpp"
#include "shopper_segments/language.hpp"

namespace seg {
namespace {

constexpr int kMaxDepth = 32;  // the compiler's nesting limit

// How a comparison's operand reads.
enum class Measure { Number, Percent, Duration, Value };

// A scalar as words; lists and objects only shallowly (a value here is never worth a tree).
std::string text_of(const OrderedJson& v) {
  if (v.is_string()) {
    const auto& s = v.get_ref<const std::string&>();
    return s.empty() ? "\"\"" : s;
  }
  if (v.is_number()) return format_number(v.get<double>());
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_null()) return "nothing";
  return v.is_array() ? "[...]" : "{...}";
}

std::string joined(const std::vector<std::string>& parts, const std::string& between, const std::string& last) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i) out += i + 1 == parts.size() ? last : between;
    out += parts[i];
  }
  return out;
}

// "7d" -> "7 days", 5400000 -> "90 minutes"; anything else as written.
std::string duration_words(const OrderedJson& v) {
  if (v.is_string()) {
    const auto canonical = canonical_duration(v.get_ref<const std::string&>());
    if (!canonical) return text_of(v);
    const std::string& s = *canonical;
    const std::string n = s.substr(0, s.size() - 1);
    return n + " " + std::string(unit_word(s.back(), n != "1"));
  }
  if (v.is_number()) {
    const double ms = v.get<double>();
    if (ms >= 0 && ms == std::floor(ms) && ms < 9e15) {
      const auto whole = static_cast<Millis>(ms);
      for (auto u = std::end(kDurationUnits); u != std::begin(kDurationUnits);) {
        --u;
        if (whole >= u->ms && whole % u->ms == 0) {
          const Millis n = whole / u->ms;
          return integer_text(n) + " " + std::string(unit_word(u->suffix, n != 1));
        }
      }
      if (whole == 0) return "0 seconds";
    }
    return format_number(ms) + " milliseconds";
  }
  return text_of(v);
}

std::string operand_words(const OrderedJson& v, Measure m) {
  if (m == Measure::Duration) return duration_words(v);
  if (m == Measure::Percent && v.is_number()) return format_number(std::round(v.get<double>() * 1000) / 10) + "%";
  return text_of(v);
}

// "a, b or c"
std::string list_words(const OrderedJson& v, Measure m) {
  if (!v.is_array()) return operand_words(v, m);
  std::vector<std::string> parts;
  for (const auto& item : v) parts.push_back(operand_words(item, m));
  return parts.empty() ? "nothing" : joined(parts, ", ", " or ");
}

// The first comparison of a condition, in the grammar's order (as the compiler reads it).
struct Cmp {
  std::string_view key;
  const OrderedJson* value = nullptr;
};

Cmp comparison_of(const OrderedJson& rule) {
  for (auto key : comparison_keys()) {
    auto it = rule.find(std::string(key));
    if (it != rule.end()) return {key, &*it};
  }
  return {};
}

// "at least 3", "between 1 and 3", "one of 1, 2 or 3": how much, for measures.
std::string amount_words(const Cmp& c, Measure m) {
  const OrderedJson& v = *c.value;
  if (c.key == "between") {
    if (v.is_array() && v.size() == 2) return "between " + operand_words(v[0], m) + " and " + operand_words(v[1], m);
    return "between " + text_of(v);
  }
  if (c.key == "in") return "one of " + list_words(v, m);
  const std::string x = operand_words(v, m);
  if (c.key == "gte") return "at least " + x;
  if (c.key == "gt") return "more than " + x;
  if (c.key == "lte") return "at most " + x;
  if (c.key == "lt") return "less than " + x;
  if (c.key == "eq") return "exactly " + x;
  if (c.key == "ne") return "anything but " + x;
  return std::string(c.key) + " " + x;
}

// "is at least 3", "is gold", "starts with Europe/", "is not set": what a value must be.
std::string predicate_words(const Cmp& c, Measure m) {
  if (!c.value) return "(needs a comparison)";
  const OrderedJson& v = *c.value;
  if (c.key == "eq") return "is " + operand_words(v, m);
  if (c.key == "ne") return "is not " + operand_words(v, m);
  if (c.key == "in") return "is one of " + list_words(v, m);
  if (c.key == "startsWith") return "starts with " + text_of(v);
  if (c.key == "contains") return "contains " + text_of(v);
  if (c.key == "exists") {
    if (v.is_boolean()) return v.get<bool>() ? "is set" : "is not set";
    return "is set or not (" + text_of(v) + ")";
  }
  return "is " + amount_words(c, m);
}

std::string event_words(const OrderedJson& event) {
  if (!event.is_string() || event.get_ref<const std::string&>().empty()) return "did (no event)";
  const auto& name = event.get_ref<const std::string&>();
  const std::string_view label = event_label(name);
  return label.empty() ? "did \"" + name + "\"" : std::string(label);
}

// "tags is new and price is at least 100" for a `where` object; "" without one.
std::string filter_conditions(const OrderedJson& rule) {
  auto where = rule.find("where");
  if (where == rule.end() || !where->is_object()) return "";
  std::vector<std::string> parts;
  for (auto it = where->begin(); it != where->end(); ++it) {
    const OrderedJson& v = it.value();
    std::string part = it.key() + " ";
    if (v.is_array()) {
      part += "is one of " + list_words(v, Measure::Value);
    } else if (v.is_object() && v.size() == 1 && comparison_op(v.begin().key()) != Comparison::Op::None) {
      part += predicate_words(Cmp{comparison_key(comparison_op(v.begin().key())), &v.begin().value()}, Measure::Value);
    } else {
      part += "is " + text_of(v);
    }
    parts.push_back(std::move(part));
  }
  return joined(parts, " and ", " and ");
}

std::string filter_words(const OrderedJson& rule) {
  const std::string conditions = filter_conditions(rule);
  return conditions.empty() ? "" : " (" + conditions + ")";
}

bool same_duration(const OrderedJson& a, const OrderedJson& b) {
  auto ms = [](const OrderedJson& v) -> std::optional<Millis> {
    if (v.is_string()) return parse_duration(v.get_ref<const std::string&>());
    if (v.is_number()) return static_cast<Millis>(v.get<double>());
    return std::nullopt;
  };
  const auto x = ms(a), y = ms(b);
  return x && y && *x == *y;
}

// " in the last 7 days", " in this session", " ever", " in the 30 days before the last 30 days".
std::string window_words(const OrderedJson& rule) {
  auto within = rule.find("within");
  auto ago = rule.find("ago");
  const auto is_word = [&](std::string_view word) {
    return within != rule.end() && within->is_string() && within->get_ref<const std::string&>() == word;
  };
  const bool lifetime = within == rule.end() || is_word(kLifetimeWindow);
  const bool session = is_word(kSessionWindow);
  if (ago != rule.end() && !session) {
    if (lifetime) return " up to " + duration_words(*ago) + " ago";
    const std::string span = duration_words(*within);
    if (same_duration(*within, *ago)) return " in the " + span + " before the last " + span;
    return " in the " + span + " that ended " + duration_words(*ago) + " ago";
  }
  if (within == rule.end()) return "";
  if (session) return " in this session";
  if (lifetime) return " ever";
  if ((within->is_string() && parse_duration(within->get_ref<const std::string&>())) || within->is_number()) {
    const std::string span = duration_words(*within);
    return " in the last " + (span.rfind("1 ", 0) == 0 ? span.substr(2) : span);  // "the last week"
  }
  return " within " + text_of(*within);
}

// "purchase.value" -> {"purchase", "value"}; no dot: {"purchase", ""}.
std::pair<OrderedJson, std::string> event_and_field(const OrderedJson& target) {
  if (!target.is_string()) return {target, ""};
  const auto& s = target.get_ref<const std::string&>();
  const auto dot = s.find('.');
  if (dot == std::string::npos) return {target, ""};
  return {OrderedJson(s.substr(0, dot)), s.substr(dot + 1)};
}

std::string times_words(double n) {
  if (n == 1) return "once";
  if (n == 2) return "twice";
  return format_number(n) + " times";
}

// A count condition that asks for none at all ("eq": 0, "lte": 0, "lt": 1).
bool asks_for_none(const Cmp& c) {
  if (!c.value || !c.value->is_number()) return false;
  const double n = c.value->get<double>();
  return ((c.key == "eq" || c.key == "lte") && n == 0) || (c.key == "lt" && n == 1);
}

// "at least 3 times", "exactly once", "between 2 and 4 times".
std::string count_amount(const Cmp& c) {
  if (!c.value) return "at least once";
  const OrderedJson& v = *c.value;
  if (v.is_number()) {
    const double n = v.get<double>();
    if (c.key == "gte") return "at least " + times_words(n);
    if (c.key == "gt") return "more than " + times_words(n);
    if (c.key == "lte") return "at most " + times_words(n);
    if (c.key == "lt") return "fewer than " + times_words(n);
    if (c.key == "eq") return "exactly " + times_words(n);
    if (c.key == "ne") return "any number of times but " + times_words(n);
  }
  return amount_words(c, Measure::Number) + " times";
}

std::string count_words(const OrderedJson& rule, const Cmp& c) {
  std::string subject = event_words(rule["count"]) + filter_words(rule);
  auto per = rule.find("per");
  if (per != rule.end()) subject += " for the same " + text_of(*per);
  std::string window = window_words(rule);
  if (asks_for_none(c)) return "never " + subject + (window == " ever" ? "" : window);
  return subject + " " + count_amount(c) + window;
}

// "fell by at least 50%" for a change; the plain comparison where no verb fits.
std::string change_words(const Cmp& c) {
  if (!c.value) return "changed (needs a comparison)";
  if (c.value->is_number()) {
    const double x = c.value->get<double>();
    const std::string size = operand_words(OrderedJson(std::fabs(x)), Measure::Percent);
    if (c.key == "lte" && x < 0) return "fell by at least " + size;
    if (c.key == "lt" && x < 0) return "fell by more than " + size;
    if (c.key == "gte" && x > 0) return "rose by at least " + size;
    if (c.key == "gt" && x >= 0) return "rose by more than " + size;
  }
  return "changed by " + amount_words(c, Measure::Percent);
}

std::string trend_words(const OrderedJson& rule, const Cmp& c) {
  const auto [event, field] = event_and_field(rule["trend"]);
  const std::string what = field.empty() ? "the number of times" : "the total " + field;
  auto within = rule.find("within");
  const bool span = within != rule.end() && ((within->is_string() && parse_duration(within->get_ref<const std::string&>())) || within->is_number());
  const std::string before = span ? "the " + duration_words(*within) + " before" : "the period before";
  return event_words(event) + filter_words(rule) + window_words(rule) + ": " + what + " " + change_words(c) + " against " + before;
}

std::string sequence_words(const OrderedJson& rule) {
  const OrderedJson& steps = rule["sequence"];
  std::vector<std::string> parts;
  if (steps.is_array()) {
    for (const auto& step : steps) {
      if (step.is_object()) {
        auto event = step.find("event");
        parts.push_back(event_words(event == step.end() ? OrderedJson() : *event) + filter_words(step));
      } else {
        parts.push_back(event_words(step));
      }
    }
  }
  if (parts.empty()) return "(a sequence without steps)";
  const std::string window = window_words(rule);
  return joined(parts, ", then ", ", then ") + (window.empty() ? "" : "," + window);
}

std::string named_value(const OrderedJson& key, std::string_view label, const char* kind) {
  if (!label.empty()) return "the " + std::string(label);
  return std::string("the ") + kind + " " + text_of(key);
}

std::string segment_ref(const OrderedJson& id, const SegmentNames& names) {
  if (!id.is_string()) return "in the segment " + text_of(id);
  const auto& s = id.get_ref<const std::string&>();
  auto it = names.find(s);
  return "in the segment \"" + (it == names.end() ? s : it->second) + "\"";
}

std::string words(const OrderedJson& rule, const SegmentNames& names, int depth);

// The form a rule object has: the first of the grammar's forms among its keys.
const RuleForm* form_of(const OrderedJson& rule) {
  if (!rule.is_object()) return nullptr;
  for (const auto& f : rule_forms())
    if (rule.contains(std::string(f.key))) return &f;
  return nullptr;
}

// A child of all/any: a group of several in parentheses, so "A AND (B OR C)" reads unambiguously.
std::string child_words(const OrderedJson& child, const SegmentNames& names, int depth) {
  const RuleForm* f = form_of(child);
  const std::string text = words(child, names, depth);
  const bool group = f && f->target == FormTarget::Rules && child[std::string(f->key)].is_array() && child[std::string(f->key)].size() > 1;
  return group ? "(" + text + ")" : text;
}

std::string not_words(const OrderedJson& inner, const SegmentNames& names, int depth) {
  const RuleForm* f = form_of(inner);
  if (f && f->key == "count") {
    const Cmp c = comparison_of(inner);
    const bool at_least_once = !c.value || (c.value->is_number() && ((c.key == "gte" && c.value->get<double>() == 1) ||
                                                                     (c.key == "gt" && c.value->get<double>() == 0)));
    if (at_least_once) {
      const std::string window = window_words(inner);
      std::string subject = event_words(inner["count"]) + filter_words(inner);
      auto per = inner.find("per");
      if (per != inner.end()) subject += " for the same " + text_of(*per);
      return "never " + subject + (window == " ever" ? "" : window);
    }
  }
  if (f && f->key == "segment") return "not " + segment_ref(inner["segment"], names);
  return "NOT (" + words(inner, names, depth) + ")";
}

std::string words(const OrderedJson& rule, const SegmentNames& names, int depth) {
  if (depth > kMaxDepth) return "...";
  if (!rule.is_object()) return "(not a rule)";
  const RuleForm* f = form_of(rule);
  if (!f) return "(unrecognised rule)";
  const std::string key(f->key);
  const OrderedJson& target = rule[key];
  const Cmp c = comparison_of(rule);
  if (f->target == FormTarget::Rules) {
    if (!target.is_array()) return key + " of (a list is needed)";
    if (target.empty()) return key == "all" ? "always" : "never (no alternatives)";
    std::vector<std::string> parts;
    for (const auto& child : target) parts.push_back(child_words(child, names, depth + 1));
    const std::string connective = key == "all" ? " AND " : " OR ";
    return joined(parts, connective, connective);
  }
  if (key == "not") return not_words(target, names, depth + 1);
  if (key == "count") return count_words(rule, c);
  if (key == "distinct" || key == "sum" || key == "avg") {
    const auto [event, field] = event_and_field(target);
    const std::string head = event_words(event) + filter_words(rule) + window_words(rule) + ": ";
    const std::string what = field.empty() ? "(no field)" : field;
    if (!c.value) return head + what + " (needs a comparison)";
    if (key == "distinct") return head + amount_words(c, Measure::Number) + " different " + what + " values";
    return head + "the " + (key == "sum" ? "total " : "average ") + what + " " + predicate_words(c, Measure::Number);
  }
  if (key == "share") {
    const std::string conditions = filter_conditions(rule);
    return event_words(target) + window_words(rule) + ": the share" + (conditions.empty() ? "" : " where " + conditions) + " " +
           predicate_words(c, Measure::Percent);
  }
  if (key == "trend") return trend_words(rule, c);
  if (key == "since") {
    const std::string head = event_words(target) + filter_words(rule) + ": the last time was ";
    if (!c.value) return head + "(needs a comparison)";
    if (comparison_fits(comparison_op(c.key), Operand::Durations)) return head + amount_words(c, Measure::Duration) + " ago";
    return head + predicate_words(c, Measure::Duration);
  }
  if (key == "sequence") return sequence_words(rule);
  if (key == "cart") {
    const std::string label(target.is_string() ? cart_measure_label(target.get_ref<const std::string&>()) : "");
    const std::string conditions = filter_conditions(rule);
    return named_value(target, label, "cart measure") + (conditions.empty() ? "" : " (" + conditions + ")") + " " +
           predicate_words(c, Measure::Number);
  }
  if (key == "trait") {
    const std::string label(target.is_string() ? trait_label(target.get_ref<const std::string&>()) : "");
    return named_value(target, label, "trait") + " " + predicate_words(c, Measure::Value);
  }
  if (key == "context") {
    const std::string label(target.is_string() ? context_label(target.get_ref<const std::string&>()) : "");
    return named_value(target, label, "context value") + " " + predicate_words(c, Measure::Value);
  }
  return segment_ref(target, names);  // the last form: segment
}

}  // namespace

SegmentNames segment_names(const OrderedJson& segments) {
  SegmentNames names;
  if (!segments.is_array()) return names;
  for (const auto& s : segments) {
    if (!s.is_object()) continue;
    auto id = s.find("id");
    if (id == s.end() || !id->is_string()) continue;
    auto name = s.find("name");
    const bool named = name != s.end() && name->is_string() && !name->get_ref<const std::string&>().empty();
    names[id->get<std::string>()] = named ? name->get<std::string>() : id->get<std::string>();
  }
  return names;
}

std::string rule_words(const OrderedJson& rule, const SegmentNames& names) { return words(rule, names, 0); }

std::string segment_words(const OrderedJson& segment, const SegmentNames& names) {
  if (!segment.is_object()) return "";
  auto rule = segment.find("rule");
  if (rule != segment.end()) return rule_words(*rule, names);
  auto score = segment.find("score");
  if (score == segment.end() || !score->is_object()) return "";
  std::vector<std::string> signals;
  auto list = score->find("signals");
  if (list != score->end() && list->is_array()) {
    for (const auto& signal : *list) {
      if (!signal.is_object()) continue;
      auto label = signal.find("label");
      auto weight = signal.find("weight");
      auto signal_rule = signal.find("rule");
      std::string text = label != signal.end() && label->is_string() && !label->get_ref<const std::string&>().empty()
                             ? label->get<std::string>()
                             : signal_rule != signal.end() ? rule_words(*signal_rule, names) : "(no rule)";
      text += " (+" + (weight == signal.end() ? std::string("1") : text_of(*weight)) + ")";
      signals.push_back(std::move(text));
    }
  }
  auto enter = score->find("enter");
  auto exit = score->find("exit");
  std::string out = "a score of at least " + (enter == score->end() ? std::string("(no entry score)") : text_of(*enter));
  if (exit != score->end() && !(enter != score->end() && *exit == *enter)) out += " (once in, until it falls below " + text_of(*exit) + ")";
  out += " from " + integer_text(static_cast<long long>(signals.size())) + (signals.size() == 1 ? " signal" : " signals");
  if (!signals.empty()) out += ": " + joined(signals, "; ", "; ");
  return out;
}

const OrderedJson* at_pointer(const OrderedJson& doc, std::string_view pointer) {
  const OrderedJson* at = &doc;
  while (!pointer.empty()) {
    if (pointer[0] != '/') return nullptr;
    pointer.remove_prefix(1);
    const std::size_t end = std::min(pointer.find('/'), pointer.size());
    std::string token;
    for (std::size_t i = 0; i < end; ++i) {
      if (pointer[i] == '~' && i + 1 < end && (pointer[i + 1] == '0' || pointer[i + 1] == '1')) {
        token += pointer[i + 1] == '0' ? '~' : '/';
        ++i;
      } else {
        token += pointer[i];
      }
    }
    pointer.remove_prefix(end);
    if (at->is_object()) {
      auto it = at->find(token);
      if (it == at->end()) return nullptr;
      at = &*it;
    } else if (at->is_array()) {
      if (token.empty() || token.size() > 9 || token.find_first_not_of("0123456789") != std::string::npos) return nullptr;
      std::size_t index = 0;
      for (char ch : token) index = index * 10 + static_cast<std::size_t>(ch - '0');
      if (index >= at->size()) return nullptr;
      at = &(*at)[index];
    } else {
      return nullptr;
    }
  }
  return at;
}

}  // namespace seg
