#include "explain.hpp"

#include <cmath>
#include <optional>

#include "compile_context.hpp"
#include "engine/text_number.hpp"
#include "shopper_words.hpp"
#include "slot_words.hpp"

namespace seg {
namespace {

const char* kind_name(NodeKind k) {
  switch (k) {
    case NodeKind::All: return "all";
    case NodeKind::Any: return "any";
    case NodeKind::Not: return "not";
    case NodeKind::Count: return "count";
    case NodeKind::CountPer: return "count_per";
    case NodeKind::Distinct: return "distinct";
    case NodeKind::Sum: return "sum";
    case NodeKind::Avg: return "avg";
    case NodeKind::Share: return "share";
    case NodeKind::Trend: return "trend";
    case NodeKind::Since: return "since";
    case NodeKind::Sequence: return "sequence";
    case NodeKind::Trait: return "trait";
    case NodeKind::Context: return "context";
    case NodeKind::SegmentRef: return "segment";
    case NodeKind::Cart: return "cart";
  }
  return "";
}

bool counts_up(NodeKind k) {
  return k == NodeKind::Count || k == NodeKind::CountPer || k == NodeKind::Distinct || k == NodeKind::Sum || k == NodeKind::Cart;
}
// Amounts, not counts of things: "11 more in cart value".
bool amount(const Node& n) { return n.kind == NodeKind::Sum || (n.kind == NodeKind::Cart && n.name == "value"); }

// The page-given value of a trait or context condition, as words.
std::string given_value_text(const Node& n, const Visitor& v) {
  const auto& map = n.kind == NodeKind::Trait ? v.traits : v.context;
  auto it = map.find(n.name);
  if (it == map.end()) return "not set";
  const Value& value = it->second;
  switch (value.kind) {
    case Value::Kind::Number: return format_number(value.number);
    case Value::Kind::String: return "\"" + value.string + "\"";
    case Value::Kind::Bool: return value.boolean ? "true" : "false";
    case Value::Kind::List: {
      std::string out = "[";
      for (std::size_t i = 0; i < value.list.size(); ++i) out += (i ? ", \"" : "\"") + value.list[i] + "\"";
      return out + "]";
    }
    case Value::Kind::None: break;
  }
  return "not set";
}

std::string value_text(const Node& n, const NodeOutcome& o, const Visitor& v) {
  if (n.kind == NodeKind::Trait || n.kind == NodeKind::Context) return given_value_text(n, v);
  if (!o.has_value) return "no value";
  if (n.kind == NodeKind::Since) return format_duration_rounded(static_cast<Millis>(o.value));
  if (n.kind == NodeKind::Share || n.kind == NodeKind::Trend) {
    const double pct = std::round(o.value * 1000) / 10;
    return format_number(pct) + "%";
  }
  return format_number(std::round(o.value * 100) / 100);
}

std::string cmp_text(const Node& n) {
  if (n.kind == NodeKind::Share || n.kind == NodeKind::Trend) {
    Comparison c = n.cmp;  // shares and changes read as percentages
    c.a *= 100;
    c.b *= 100;
    return describe_comparison(c, false) + "%";
  }
  return describe_comparison(n.cmp, n.kind == NodeKind::Since);
}

std::string window_text(const Node& n) {
  switch (n.kind) {
    case NodeKind::Count: case NodeKind::CountPer: case NodeKind::Distinct: case NodeKind::Sum:
    case NodeKind::Avg: case NodeKind::Share: case NodeKind::Trend: case NodeKind::Sequence:
      return " " + format_window(n.window);
    default: return "";
  }
}

std::string node_text(const Program& p, const Node& n, const NodeOutcome& o, const Visitor& v) {
  switch (n.kind) {
    case NodeKind::All: return "all of these hold";
    case NodeKind::Any: return "at least one of these holds";
    case NodeKind::Not: return o.held ? "the condition below does not hold, as required" : "the condition below holds, but must not";
    case NodeKind::SegmentRef: return "in segment " + segment_name(p, n.name);
    case NodeKind::Sequence: return n.subject + window_text(n) + (o.held ? ": happened" : ": not yet (" + format_number(o.value) + " of " + integer_text(n.steps.size()) + " steps)");
    default: return n.subject + window_text(n) + ": " + value_text(n, o, v) + ", needs " + cmp_text(n);
  }
}

struct Gap {
  double distance = 1;
  std::string words;
};

// The unmet condition closest to holding under a node that does not hold.
std::optional<Gap> nearest(const Program& p, const Visitor& v, int index, const std::vector<NodeOutcome>& trace) {
  const Node& n = p.nodes[static_cast<std::size_t>(index)];
  const NodeOutcome& o = trace[static_cast<std::size_t>(index)];
  if (o.held) return std::nullopt;
  switch (n.kind) {
    case NodeKind::All: case NodeKind::Any: {
      std::optional<Gap> best;
      for (int i = 0; i < n.count; ++i) {
        auto g = nearest(p, v, p.children[static_cast<std::size_t>(n.first + i)], trace);
        if (g && (!best || g->distance < best->distance)) best = g;
      }
      return best;
    }
    case NodeKind::Not: {
      const Node& child = p.nodes[static_cast<std::size_t>(p.children[static_cast<std::size_t>(n.first)])];
      return Gap{2, "it must not be true that " + node_text(p, child, trace[static_cast<std::size_t>(p.children[static_cast<std::size_t>(n.first)])], v)};
    }
    case NodeKind::SegmentRef: return Gap{2, "needs to be in segment " + segment_name(p, n.name)};
    case NodeKind::Sequence: return Gap{1, n.subject + window_text(n) + " has not happened yet"};
    case NodeKind::Trait: case NodeKind::Context:
      return Gap{3, n.subject + " is " + value_text(n, o, v) + ", needs " + cmp_text(n)};
    default: break;
  }
  const double target = n.cmp.op == Comparison::Op::Gt ? n.cmp.a : n.cmp.a;
  const bool wants_more = n.cmp.op == Comparison::Op::Gte || n.cmp.op == Comparison::Op::Gt ||
                          (n.cmp.op == Comparison::Op::Between && (!o.has_value || o.value < n.cmp.a)) ||
                          (n.cmp.op == Comparison::Op::Eq && o.has_value && o.value < n.cmp.a);
  if (counts_up(n.kind) && wants_more) {
    double need = target - o.value;
    if (n.cmp.op == Comparison::Op::Gt) need = amount(n) ? need : std::floor(need) + 1;
    if (need <= 0) need = 1;
    std::string what = n.subject;
    if (n.kind == NodeKind::Distinct && what.rfind("different ", 0) == 0) what = what.substr(10);
    const std::string amount = format_number(std::ceil(need * 100) / 100);
    std::string words = ::seg::amount(n) ? amount + " more in " + what : amount + " more " + what;
    return Gap{need / std::max(1.0, std::fabs(target)), words + window_text(n)};
  }
  if (n.kind == NodeKind::Since && wants_more && o.has_value) {
    const double need = target - o.value;
    return Gap{need / std::max(1.0, target), format_duration_rounded(static_cast<Millis>(need)) + " more " + n.subject +
                                                 " (now " + value_text(n, o, v) + ", needs " + cmp_text(n) + ")"};
  }
  return Gap{1.5, n.subject + window_text(n) + " is " + value_text(n, o, v) + ", needs " + cmp_text(n)};
}

Json node_json(const Program& p, const Visitor& v, int index, const std::vector<NodeOutcome>& trace) {
  const Node& n = p.nodes[static_cast<std::size_t>(index)];
  const NodeOutcome& o = trace[static_cast<std::size_t>(index)];
  Json j;
  j.set("kind", kind_name(n.kind));
  j.set("path", n.path);
  j.set("held", o.held);
  if (o.has_value && n.kind != NodeKind::All && n.kind != NodeKind::Any) j.set("value", o.value);
  else j.set("value", nullptr);
  j.set("text", node_text(p, n, o, v));
  // What the condition found, said to the shopper (the page's "Why am I seeing this?" note).
  const std::string shopper = shopper_sentence(p, v, n, o);
  if (!shopper.empty()) j.set("shopper", shopper);
  if (n.count > 0) {
    Json kids = Json::array();
    for (int i = 0; i < n.count; ++i) kids.push_back(node_json(p, v, p.children[static_cast<std::size_t>(n.first + i)], trace));
    j.set("children", std::move(kids));
  }
  return j;
}

}  // namespace

Json explain_segment(Evaluator& eval, int segment) {
  const Program& p = eval.program();
  const SegmentDef& def = p.segments[static_cast<std::size_t>(segment)];
  const Visitor& v = eval.visitor();
  std::vector<NodeOutcome> trace(p.nodes.size());
  Json j;
  j.set("segment", def.id);
  j.set("name", def.name);
  j.set("description", def.description);
  j.set("why", def.why.empty() ? Json(nullptr) : Json(def.why));
  j.set("priority", def.priority);
  j.set("member", eval.member(segment));
  j.set("score", eval.score(segment));
  j.set("enter", def.enter);
  j.set("exit", def.exit);
  j.set("scored", def.scored);
  j.set("path", def.path);
  std::optional<Gap> gap;
  if (!def.scored) {
    eval.eval(def.root, &trace);
    j.set("tree", node_json(p, v, def.root, trace));
    if (!eval.member(segment)) gap = nearest(p, v, def.root, trace);
  } else {
    Json signals = Json::array();
    const double need = def.enter - eval.score(segment);
    std::optional<Gap> best;
    double best_weight = 0;
    for (const auto& sig : def.signals) {
      const bool held = eval.eval(sig.root, &trace).held;
      Json s;
      s.set("label", sig.label);
      s.set("weight", sig.weight);
      s.set("held", held);
      s.set("tree", node_json(p, v, sig.root, trace));
      signals.push_back(std::move(s));
      if (held || eval.member(segment)) continue;
      auto g = nearest(p, v, sig.root, trace);
      if (!g) continue;
      // Prefer a signal that alone closes the gap; among those, the one closest to holding.
      const bool closes = sig.weight >= need;
      const bool better = !best || (closes && best_weight < need) ||
                          (closes == (best_weight >= need) && (closes ? g->distance < best->distance : sig.weight > best_weight));
      if (better) {
        best = Gap{g->distance, (sig.label.empty() ? std::string("a signal") : "\"" + sig.label + "\"") + " (+" + format_number(sig.weight) +
                                    "): " + g->words};
        best_weight = sig.weight;
      }
    }
    j.set("signals", std::move(signals));
    if (best) {
      best->words = "score " + format_number(eval.score(segment)) + " of " + format_number(def.enter) + " needed; next: " + best->words;
      gap = best;
    }
  }
  j.set("nearest", gap ? Json(gap->words) : Json(nullptr));
  return j;
}

Json explain_offer(Evaluator& eval, int offer) {
  const Program& p = eval.program();
  const OfferDef& def = p.offers[static_cast<std::size_t>(offer)];
  Json j;
  j.set("offer", def.id);
  j.set("slot", def.slot);
  j.set("why", def.why.empty() ? Json(nullptr) : Json(def.why));
  bool held = true;  // no rule of its own: nothing to hold
  if (def.rule >= 0) {
    std::vector<NodeOutcome> trace(p.nodes.size());
    held = eval.eval(def.rule, &trace).held;
    j.set("tree", node_json(p, eval.visitor(), def.rule, trace));
  } else {
    j.set("tree", nullptr);
  }
  j.set("held", held);
  return j;
}

}  // namespace seg
