// Rule JSON -> validated nodes. Every form, key and comparison is checked; every issue is kept.
#include <algorithm>
#include <cmath>

#include "compile_context.hpp"
#include "grammar.hpp"
#include "engine/text_number.hpp"

namespace seg {
namespace {

// "a, b, c" or, with `last` = "or", "a, b or c".
std::string listed(const std::vector<std::string_view>& words, const char* last = nullptr) {
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i) out += last && i + 1 == words.size() ? std::string(" ") + last + " " : ", ";
    out += words[i];
  }
  return out;
}

bool valid_name(const std::string& s) { return !s.empty() && s.size() <= kMaxStringBytes; }

}  // namespace

bool CompileContext::list_operand(const json& v, const std::string& at, Comparison& out, bool numbers_only) {
  out.op = Comparison::Op::In;
  if (!v.is_array() || v.empty()) {
    issue("bad_comparison", at, "\"in\" takes a non-empty list of values.");
    return false;
  }
  if (v.size() > kMaxList) {
    issue("too_large", at, "A list holds at most 256 values.");
    return false;
  }
  bool ok = true;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const std::string p = pointer_append(at, i);
    if (v[i].is_string() && !numbers_only) {
      std::string s;
      if (get_string(v[i], p, s, "A listed value")) out.texts.push_back(s); else ok = false;
    } else if (v[i].is_number()) {
      double n = 0;
      if (get_number(v[i], p, n, "A listed value")) out.numbers.push_back(n); else ok = false;
    } else {
      issue("type_mismatch", p, std::string("A listed value must be ") + (numbers_only ? "a number" : "a string or a number") +
                                    ", not " + json_type_name(v[i]) + ".");
      ok = false;
    }
  }
  return ok;
}

bool CompileContext::comparison(const json& rule, const std::string& path, Comparison& out, bool durations,
                                bool numbers_only, bool optional) {
  const std::string* found = nullptr;
  int seen = 0;
  for (const auto& member : rule.members()) {
    if (comparison_op(member.first) != Comparison::Op::None) {
      if (!found) found = &member.first;
      ++seen;
    }
  }
  if (seen == 0) {
    if (optional) return true;
    issue("bad_comparison", path, "This condition needs one comparison: " + listed(comparison_keys(), "or") + ".");
    return false;
  }
  if (seen > 1) {
    issue("bad_comparison", path, "This condition has more than one comparison; use \"between\" for a range or \"all\" to combine.");
    return false;
  }
  const std::string key = *found;
  const std::string at = pointer_append(path, key);
  const json& v = rule[key];
  out.op = comparison_op(key);
  using Op = Comparison::Op;
  const Operand operand = durations ? Operand::Durations : numbers_only ? Operand::Numbers : Operand::Values;
  if (!comparison_fits(out.op, operand)) {
    if (comparison_fits(out.op, Operand::Numbers)) {  // fits numbers, so only durations refuse it
      std::vector<std::string_view> fitting;
      for (auto k : comparison_keys())
        if (comparison_fits(comparison_op(k), Operand::Durations)) fitting.push_back(k);
      issue("bad_comparison", at, "Compare a time since with " + listed(fitting, "or") + ".");
    } else {
      issue("bad_comparison", at, "\"" + key + "\" does not fit here: this condition compares " +
                                      std::string(durations ? "durations" : "numbers") + ".");
    }
    return false;
  }
  auto number = [&](const json& x, const std::string& p, double& n) {
    if (durations) {
      Millis ms = 0;
      if (!get_duration(x, p, ms, "A duration")) return false;
      n = static_cast<double>(ms);
      return true;
    }
    return get_number(x, p, n, "This value");
  };
  switch (out.op) {
    case Op::Gte: case Op::Gt: case Op::Lte: case Op::Lt:
      out.operand = Comparison::Operand::Number;
      return number(v, at, out.a);
    case Op::Eq: case Op::Ne:
      if (v.is_string() && !numbers_only) {
        out.operand = Comparison::Operand::Text;
        return get_string(v, at, out.text, "This value");
      }
      if (v.is_boolean() && !numbers_only) {
        out.operand = Comparison::Operand::Bool;
        out.flag = v.boolean();
        return true;
      }
      out.operand = Comparison::Operand::Number;
      return number(v, at, out.a);
    case Op::Between:
      if (!v.is_array() || v.size() != 2) {
        issue("bad_comparison", at, "\"between\" takes a list of two values, [low, high].");
        return false;
      }
      if (!number(v[0], pointer_append(at, std::size_t{0}), out.a) || !number(v[1], pointer_append(at, std::size_t{1}), out.b))
        return false;
      if (out.a > out.b) {
        issue("bad_comparison", at, "\"between\" needs the low value first: [low, high].");
        return false;
      }
      return true;
    case Op::In:
      return list_operand(v, at, out, numbers_only);
    case Op::StartsWith: case Op::Contains:
      out.operand = Comparison::Operand::Text;
      return get_string(v, at, out.text, "This value");
    case Op::Exists:
      if (!v.is_boolean()) {
        issue("type_mismatch", at, "\"exists\" takes true or false.");
        return false;
      }
      out.flag = v.boolean();
      out.operand = Comparison::Operand::Bool;
      return true;
    case Op::None: break;
  }
  return false;
}

bool CompileContext::where(const json& j, const std::string& path, std::vector<FieldMatcher>& out) {
  if (!expect_type(j, Json::Type::Object, path, "\"where\"")) return false;
  if (j.size() > 32) {
    issue("too_large", path, "\"where\" filters on at most 32 fields.");
    return false;
  }
  bool ok = true;
  for (const auto& member : j.members()) {
    const std::string at = pointer_append(path, member.first);
    FieldMatcher m;
    m.field = member.first;
    if (!valid_name(m.field)) {
      issue("bad_value", at, "A field name must be 1 to 256 characters.");
      ok = false;
      continue;
    }
    const json& v = member.second;
    if (v.is_string()) {
      m.cmp.op = Comparison::Op::Eq;
      m.cmp.operand = Comparison::Operand::Text;
      if (!get_string(v, at, m.cmp.text, "A filter value")) { ok = false; continue; }
    } else if (v.is_number()) {
      m.cmp.op = Comparison::Op::Eq;
      if (!get_number(v, at, m.cmp.a, "A filter value")) { ok = false; continue; }
    } else if (v.is_boolean()) {
      m.cmp.op = Comparison::Op::Eq;
      m.cmp.operand = Comparison::Operand::Text;
      m.cmp.text = v.boolean() ? "true" : "false";
    } else if (v.is_array()) {
      if (!list_operand(v, at, m.cmp, false)) {
        ok = false;
        continue;
      }
    } else if (v.is_object()) {
      check_keys(v, at, comparison_keys());
      if (v.size() != 1 || comparison_op(v.members()[0].first) == Comparison::Op::None) {
        issue("bad_comparison", at, "A filter object holds exactly one comparison, such as {\"gte\": 100}.");
        ok = false;
        continue;
      }
      if (!comparison(v, at, m.cmp, false, false, false)) { ok = false; continue; }
    } else {
      issue("type_mismatch", at, std::string("A filter value must be a string, number, list or comparison object, not ") +
                                     json_type_name(v) + ".");
      ok = false;
      continue;
    }
    out.push_back(std::move(m));
  }
  return ok;
}

namespace {

// Keys a rule form accepts: its own name, the form's other keys and, when it takes one, a comparison.
std::vector<std::string_view> keys_of(const RuleForm& form) {
  std::vector<std::string_view> keys{form.key};
  keys.insert(keys.end(), form.keys.begin(), form.keys.end());
  if (form.operand != Operand::None) keys.insert(keys.end(), comparison_keys().begin(), comparison_keys().end());
  return keys;
}

// "purchase.value" -> ("purchase", "value").
bool split_event_field(const std::string& text, std::string& event, std::string& field) {
  const auto dot = text.find('.');
  if (dot == std::string::npos || dot == 0 || dot + 1 == text.size()) return false;
  event = text.substr(0, dot);
  field = text.substr(dot + 1);
  return true;
}

}  // namespace

bool CompileContext::window_keys(const json& j, const std::string& path, Window& out) {
  bool ok = true;
  if (j.contains("within")) {
    const json& w = j["within"];
    const std::string at = pointer_append(path, "within");
    std::optional<Window> window;
    if (w.is_string()) {
      window = parse_window(w.string());
    } else if (w.is_number()) {
      Millis span = 0;
      if (get_duration(w, at, span, "\"within\"") && span > 0) {
        window = Window{Window::Kind::Span, span, 0};
      } else {
        return false;
      }
    }
    if (!window) {
      issue("bad_duration", at, "\"within\" is \"session\", \"lifetime\" or a duration such as \"30m\", \"24h\", \"7d\" or \"7 days\".");
      ok = false;
    } else {
      out = *window;
    }
  }
  if (j.contains("ago")) {
    const std::string at = pointer_append(path, "ago");
    if (!get_duration(j["ago"], at, out.ago, "\"ago\"")) {
      ok = false;
    } else if (out.kind == Window::Kind::Session) {
      issue("bad_duration", at, "\"ago\" cannot shift the \"session\" window.");
      ok = false;
    }
  }
  return ok;
}

int CompileContext::rule(const json& j, const std::string& path, std::size_t depth) {
  if (depth > kMaxDepth) {
    issue("too_large", path, "Rules nest at most 32 levels deep.");
    return -1;
  }
  if (!j.is_object()) {
    issue("type_mismatch", path, std::string("A rule must be an object such as {\"count\": \"view_item\", \"gte\": 3}, not ") +
                                     json_type_name(j) + ".");
    return -1;
  }
  std::vector<std::string_view> forms;
  for (auto f : rule_form_keys())
    if (j.contains(std::string(f))) forms.push_back(f);
  if (forms.size() != 1) {
    if (forms.empty()) {
      // Every key any rule may have, so a misspelt one finds its "did you mean".
      std::vector<std::string_view> all_keys = rule_form_keys();
      all_keys.insert(all_keys.end(), comparison_keys().begin(), comparison_keys().end());
      for (const auto& f : rule_forms())
        for (auto k : f.keys)
          if (std::find(all_keys.begin(), all_keys.end(), k) == all_keys.end()) all_keys.push_back(k);
      check_keys(j, path, all_keys);
      issue("ambiguous_rule", path, "A rule needs one of: " + listed(rule_form_keys()) + ".");
    } else {
      issue("ambiguous_rule", path, "A rule has exactly one form, but this one has \"" + std::string(forms[0]) + "\" and \"" +
                                        std::string(forms[1]) + "\"; wrap them in \"all\" or \"any\".");
    }
    return -1;
  }
  const RuleForm& spec = *rule_form(forms[0]);
  const std::string form(spec.key);
  check_keys(j, path, keys_of(spec));

  const json& v = j[form];
  const std::string at = pointer_append(path, form);
  Node n;
  n.path = path;
  bool ok = true;

  if (form == "all" || form == "any") {
    n.kind = form == "all" ? NodeKind::All : NodeKind::Any;
    if (!expect_type(v, Json::Type::Array, at, ("\"" + form + "\"").c_str())) return -1;
    if (v.size() > kMaxList) {
      issue("too_large", at, "\"" + form + "\" combines at most 256 rules.");
      return -1;
    }
    std::vector<int> kids;
    for (std::size_t i = 0; i < v.size(); ++i) {
      const int child = rule(v[i], pointer_append(at, i), depth + 1);
      if (child < 0) ok = false;
      kids.push_back(child);
    }
    if (!ok) return -1;
    n.first = static_cast<int>(program.children.size());
    n.count = static_cast<int>(kids.size());
    program.children.insert(program.children.end(), kids.begin(), kids.end());
    n.subject = form == "all" ? "all of" : "any of";
  } else if (form == "not") {
    n.kind = NodeKind::Not;
    const int child = rule(v, at, depth + 1);
    if (child < 0) return -1;
    n.first = static_cast<int>(program.children.size());
    n.count = 1;
    program.children.push_back(child);
    n.subject = "not";
  } else if (form == "trait" || form == "context") {
    n.kind = form == "trait" ? NodeKind::Trait : NodeKind::Context;
    if (!get_string(v, at, n.name, "The name")) ok = false;
    else if (!valid_name(n.name)) { issue("bad_value", at, "The name must be 1 to 256 characters."); ok = false; }
    if (!comparison(j, path, n.cmp, false, false, false)) ok = false;
    n.subject = form + " " + n.name;
  } else if (form == "cart") {
    n.kind = NodeKind::Cart;
    if (!get_string(v, at, n.name, "What the cart condition measures")) ok = false;
    else if (std::find(cart_measure_keys().begin(), cart_measure_keys().end(), n.name) == cart_measure_keys().end()) {
      issue("bad_value", at, "\"cart\" measures \"value\", \"quantity\" or \"items\", not \"" + n.name.substr(0, 64) + "\".");
      ok = false;
    }
    std::vector<FieldMatcher> filter;
    if (j.contains("where") && !where(j["where"], pointer_append(path, "where"), filter)) ok = false;
    if (!comparison(j, path, n.cmp, false, true, false)) ok = false;
    if (!ok) return -1;
    if (!filter.empty()) {
      n.feature = static_cast<int>(program.cart_filters.size());
      program.cart_filters.push_back(filter);
    }
    n.subject = "cart " + n.name + describe_where(filter);
  } else if (form == "segment") {
    n.kind = NodeKind::SegmentRef;
    if (!get_string(v, at, n.name, "The segment id")) return -1;
    n.subject = "segment " + n.name;
  } else if (form == "sequence") {
    n.kind = NodeKind::Sequence;
    if (!window_keys(j, path, n.window)) ok = false;
    if (!expect_type(v, Json::Type::Array, at, "\"sequence\"")) return -1;
    if (v.empty() || v.size() > 16) {
      issue(v.empty() ? "bad_value" : "too_large", at, "A sequence has 1 to 16 steps.");
      return -1;
    }
    for (std::size_t i = 0; i < v.size(); ++i) {
      const std::string sp = pointer_append(at, i);
      std::string type;
      std::vector<FieldMatcher> filter;
      if (v[i].is_string()) {
        type = v[i].string();
      } else if (v[i].is_object()) {
        check_keys(v[i], sp, {"event", "where"});
        if (!v[i].contains("event")) {
          issue("missing_key", sp, "A sequence step object needs \"event\".");
          ok = false;
          continue;
        }
        if (!get_string(v[i]["event"], pointer_append(sp, "event"), type, "The event")) { ok = false; continue; }
        if (v[i].contains("where") && !where(v[i]["where"], pointer_append(sp, "where"), filter)) { ok = false; continue; }
      } else {
        issue("type_mismatch", sp, std::string("A sequence step is an event name or {\"event\", \"where\"}, not ") + json_type_name(v[i]) + ".");
        ok = false;
        continue;
      }
      if (!valid_name(type)) { issue("bad_value", sp, "An event name must be 1 to 256 characters."); ok = false; continue; }
      n.steps.push_back(step(type, filter));
      n.subject += (n.subject.empty() ? "" : " -> ") + type + describe_where(filter);
    }
  } else {
    // Event conditions: count, distinct, sum, avg, share, trend, since.
    std::string event_text;
    if (!get_string(v, at, event_text, "The event")) return -1;
    std::string type = event_text, field;
    const bool needs_field = spec.target == FormTarget::EventField;
    if (needs_field || (spec.target == FormTarget::EventOptionalField && event_text.find('.') != std::string::npos)) {
      if (!split_event_field(event_text, type, field)) {
        issue("bad_value", at, "Write the event and the field as \"event.field\", such as \"purchase.value\".");
        return -1;
      }
    }
    if (!valid_name(type) || field.size() > kMaxStringBytes) {
      issue("bad_value", at, "An event name must be 1 to 256 characters.");
      return -1;
    }
    std::vector<FieldMatcher> filter;
    if (j.contains("where") && !where(j["where"], pointer_append(path, "where"), filter)) ok = false;
    if (form == "share" && !j.contains("where")) {
      issue("missing_key", path, "\"share\" needs \"where\": the events whose share of all " + type + " events is measured.");
      ok = false;
    }
    if (!window_keys(j, path, n.window)) ok = false;
    if (form == "trend" && n.window.kind != Window::Kind::Span) {
      issue("bad_duration", path, "\"trend\" needs \"within\" with a duration such as \"90d\": the span compared with the one before it.");
      ok = false;
    }
    const bool durations = spec.operand == Operand::Durations;
    if (!comparison(j, path, n.cmp, durations, true, spec.comparison_optional)) ok = false;
    if (form == "share" && ok) {
      const bool out_of_range = n.cmp.a < 0 || n.cmp.a > 1 || n.cmp.b < 0 || n.cmp.b > 1 ||
                                std::any_of(n.cmp.numbers.begin(), n.cmp.numbers.end(), [](double x) { return x < 0 || x > 1; });
      if (out_of_range) {
        std::string key;
        for (auto k : comparison_keys())
          if (j.contains(std::string(k))) key = std::string(k);
        issue("bad_value", pointer_append(path, key), "A share is a fraction from 0 to 1 (0.5 is half).");
        ok = false;
      }
    }
    if (form == "count" && n.cmp.op == Comparison::Op::None) {
      n.cmp.op = Comparison::Op::Gte;
      n.cmp.a = 1;
    }
    if (!ok) return -1;
    const std::string where_text = describe_where(filter);
    if (form == "count") {
      if (j.contains("per")) {
        std::string per;
        if (!get_string(j["per"], pointer_append(path, "per"), per, "\"per\"")) return -1;
        if (!valid_name(per)) {
          issue("bad_value", pointer_append(path, "per"), "\"per\" names a field such as \"item_id\".");
          return -1;
        }
        n.kind = NodeKind::CountPer;
        n.feature = value_set(type, filter, per);
        n.subject = type + where_text + " of one " + per;
      } else {
        n.kind = NodeKind::Count;
        n.feature = series(type, filter, "");
        n.subject = type + where_text;
      }
    } else if (form == "distinct") {
      n.kind = NodeKind::Distinct;
      n.feature = value_set(type, filter, field);
      n.subject = "different " + type + "." + field + where_text;
    } else if (form == "sum" || form == "avg") {
      n.kind = form == "sum" ? NodeKind::Sum : NodeKind::Avg;
      n.feature = series(type, filter, field);
      n.subject = (form == "sum" ? "total " : "average ") + type + "." + field + where_text;
    } else if (form == "share") {
      n.kind = NodeKind::Share;
      n.feature = series(type, filter, "");
      n.feature2 = series(type, {}, "");
      n.subject = "share of " + type + " events" + where_text;
    } else if (form == "trend") {
      n.kind = NodeKind::Trend;
      n.feature = series(type, filter, field);
      n.name = field;
      n.subject = "change of " + (field.empty() ? type + " count" : type + "." + field) + where_text;
    } else {
      n.kind = NodeKind::Since;
      n.feature = series(type, filter, "");
      n.subject = "time since the last " + type + where_text;
    }
  }
  if (!ok) return -1;
  program.nodes.push_back(std::move(n));
  const int index = static_cast<int>(program.nodes.size() - 1);
  if (program.nodes.back().kind == NodeKind::SegmentRef) segment_refs.push_back(index);
  return index;
}

}  // namespace seg
