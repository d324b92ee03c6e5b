// Never-holding rules (see never_holds.hpp): empty or hopeless alternatives, segments that need a
// segment that never holds, numeric conditions on one measure whose ranges do not meet, two
// different required values of one context key, and a condition required together with its opposite.
#include "never_holds.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/text_number.hpp"
#include "rule_shape.hpp"

namespace seg {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

const Node& node_at(const Program& p, int i) { return p.nodes[static_cast<std::size_t>(i)]; }
int child_at(const Program& p, const Node& n, int i) { return p.children[static_cast<std::size_t>(n.first + i)]; }

// Always has a value (0 when nothing happened), so "not" of it is a range too.
bool always_valued(NodeKind k) {
  return k == NodeKind::Count || k == NodeKind::CountPer || k == NodeKind::Distinct || k == NodeKind::Sum || k == NodeKind::Cart;
}
bool whole_numbers(NodeKind k) { return k == NodeKind::Count || k == NodeKind::CountPer || k == NodeKind::Distinct; }
bool measured(NodeKind k) {
  return always_valued(k) || k == NodeKind::Avg || k == NodeKind::Share || k == NodeKind::Trend || k == NodeKind::Since ||
         k == NodeKind::Trait || k == NodeKind::Context || k == NodeKind::Cart;
}

// One of the conditions that must all hold. `negated`: the rule requires that `node` does NOT
// hold; `shown` is the node whose words name it (the "not" for a negated one).
struct Atom {
  int node;
  int shown;
  bool negated;
};

void conjuncts(const Program& p, int index, std::vector<Atom>& out) {
  const Node& n = node_at(p, index);
  if (n.kind == NodeKind::All) {
    for (int i = 0; i < n.count; ++i) conjuncts(p, child_at(p, n, i), out);
  } else if (n.kind == NodeKind::Not && always_valued(node_at(p, child_at(p, n, 0)).kind)) {
    out.push_back(Atom{child_at(p, n, 0), index, true});
  } else {
    out.push_back(Atom{index, index, false});
  }
}

// Both ask about the same quantity (whatever they compare it with).
bool same_measure(const Node& a, const Node& b) {
  if (a.kind != b.kind || a.feature != b.feature || a.name != b.name) return false;
  if (a.kind == NodeKind::Since || a.kind == NodeKind::Trait || a.kind == NodeKind::Context) return true;
  return a.window.kind == b.window.kind && a.window.span == b.window.span && a.window.ago == b.window.ago;
}

// One end of a range of numbers, and the condition that put it there (-1: the measure's own range).
struct End {
  double value;
  bool open;
  int atom;
};
struct Range {
  End lo, hi;
};

Range domain_of(const Node& n) {
  switch (n.kind) {
    case NodeKind::Count: case NodeKind::CountPer: case NodeKind::Distinct: case NodeKind::Since: case NodeKind::Cart:
      return {{0, false, -1}, {kInf, false, -1}};
    case NodeKind::Share: return {{0, false, -1}, {1, false, -1}};
    // A change of a count cannot fall below -100%; a sum of a field that may be negative can.
    case NodeKind::Trend:
      if (n.name.empty()) return {{-1, false, -1}, {kInf, false, -1}};
      break;
    default: break;
  }
  return {{-kInf, false, -1}, {kInf, false, -1}};
}

// The numbers a condition accepts, when they are one range.
std::optional<Range> range_of(const Node& n, bool negate, int atom) {
  using Op = Comparison::Op;
  const Comparison& c = n.cmp;
  if (c.operand != Comparison::Operand::Number && c.op != Op::Between) return std::nullopt;
  Op op = c.op;
  if (negate) {
    switch (op) {
      case Op::Gte: op = Op::Lt; break;
      case Op::Gt: op = Op::Lte; break;
      case Op::Lte: op = Op::Gt; break;
      case Op::Lt: op = Op::Gte; break;
      default: return std::nullopt;  // not-equal and outside-a-range are two ranges
    }
  }
  switch (op) {
    case Op::Gte: return Range{{c.a, false, atom}, {kInf, false, -1}};
    case Op::Gt: return Range{{c.a, true, atom}, {kInf, false, -1}};
    case Op::Lte: return Range{{-kInf, false, -1}, {c.a, false, atom}};
    case Op::Lt: return Range{{-kInf, false, -1}, {c.a, true, atom}};
    case Op::Eq: return Range{{c.a, false, atom}, {c.a, false, atom}};
    case Op::Between: return Range{{c.a, false, atom}, {c.b, false, atom}};
    default: return std::nullopt;
  }
}

void narrow(Range& acc, const Range& r) {
  if (r.lo.value > acc.lo.value || (r.lo.value == acc.lo.value && r.lo.open && !acc.lo.open)) acc.lo = r.lo;
  if (r.hi.value < acc.hi.value || (r.hi.value == acc.hi.value && r.hi.open && !acc.hi.open)) acc.hi = r.hi;
}

bool empty(const Range& r, bool whole) {
  if (whole) {
    const double lo = r.lo.open ? std::floor(r.lo.value) + 1 : std::ceil(r.lo.value);
    const double hi = r.hi.open ? std::ceil(r.hi.value) - 1 : std::floor(r.hi.value);
    return lo > hi;
  }
  return r.lo.value > r.hi.value || (r.lo.value == r.hi.value && (r.lo.open || r.hi.open));
}

// A required text or true/false value of a context key ("eq"), or null.
bool required_word(const Node& n) {
  return n.kind == NodeKind::Context && n.cmp.op == Comparison::Op::Eq && n.cmp.operand != Comparison::Operand::Number;
}

}  // namespace

NeverHolds::NeverHolds(const Program& program, Wording wording) : p_(program), words_(std::move(wording)) {
  segments_.resize(p_.segments.size());
  for (int s : p_.segment_order) {
    const SegmentDef& def = p_.segments[static_cast<std::size_t>(s)];
    segments_[static_cast<std::size_t>(s)] = def.scored ? scored(def) : rule(def.root);
  }
}

std::optional<Never> NeverHolds::rule(int index) const {
  if (index < 0) return std::nullopt;
  const Node& n = node_at(p_, index);
  switch (n.kind) {
    case NodeKind::Any: {
      if (n.count == 0) return Never{n.path, "an \"any of\" without alternatives never holds"};
      std::optional<Never> first;
      for (int i = 0; i < n.count; ++i) {
        auto why = rule(child_at(p_, n, i));
        if (!why) return std::nullopt;
        if (!first) first = why;
      }
      return Never{n.path, "none of its alternatives can hold (the first: " + first->reason + ")"};
    }
    case NodeKind::SegmentRef:
      if (n.segment >= 0 && segments_[static_cast<std::size_t>(n.segment)])
        return Never{n.path, "it needs the segment " + words_.segment(n.segment) + ", which can never hold"};
      return std::nullopt;
    case NodeKind::All:
      for (int i = 0; i < n.count; ++i)
        if (auto why = rule(child_at(p_, n, i))) return why;
      break;
    default: break;
  }
  return contradiction(index);
}

// Conditions that must all hold but cannot together.
std::optional<Never> NeverHolds::contradiction(int index) const {
  std::vector<Atom> atoms;
  conjuncts(p_, index, atoms);
  const auto quote = [&](int atom) { return words_.quote(atoms[static_cast<std::size_t>(atom)].shown); };
  const auto path = [&](int atom) { return node_at(p_, atoms[static_cast<std::size_t>(atom)].node).path; };

  // Ranges of one measure that do not meet.
  std::vector<bool> grouped(atoms.size(), false);
  for (std::size_t first = 0; first < atoms.size(); ++first) {
    const Node& measure = node_at(p_, atoms[first].node);
    if (grouped[first] || !measured(measure.kind)) continue;
    Range acc = domain_of(measure);
    for (std::size_t i = first; i < atoms.size(); ++i) {
      const Node& n = node_at(p_, atoms[i].node);
      if (grouped[i] || !same_measure(measure, n)) continue;
      grouped[i] = true;
      auto r = range_of(n, atoms[i].negated, static_cast<int>(i));
      if (!r) continue;
      narrow(acc, *r);
      if (!empty(acc, whole_numbers(measure.kind))) continue;
      const int a = acc.lo.atom, b = acc.hi.atom;
      if (a < 0 || b < 0 || a == b) {
        const int only = a < 0 ? b : a;
        return Never{path(only), quote(only) + " asks for a value that cannot occur"};
      }
      return Never{path(static_cast<int>(i)), quote(std::min(a, b)) + " and " + quote(std::max(a, b)) +
                                                   " cannot both hold: no number fits both"};
    }
  }

  // Two different required values of one context key (a page sets one value per key).
  for (std::size_t i = 0; i < atoms.size(); ++i) {
    const Node& x = node_at(p_, atoms[i].node);
    if (atoms[i].negated || !required_word(x)) continue;
    for (std::size_t j = i + 1; j < atoms.size(); ++j) {
      const Node& y = node_at(p_, atoms[j].node);
      if (atoms[j].negated || !required_word(y) || y.name != x.name) continue;
      if (x.cmp.operand != y.cmp.operand || x.cmp.text != y.cmp.text || x.cmp.flag != y.cmp.flag)
        return Never{path(static_cast<int>(j)), quote(static_cast<int>(i)) + " and " + quote(static_cast<int>(j)) +
                                                     " ask for two different values of the same thing"};
    }
  }

  // A condition required together with its own opposite.
  for (std::size_t i = 0; i < atoms.size(); ++i) {
    const Node& n = node_at(p_, atoms[i].node);
    const int opposite = atoms[i].negated ? atoms[i].node : n.kind == NodeKind::Not ? child_at(p_, n, 0) : -1;
    if (opposite < 0) continue;
    for (std::size_t j = 0; j < atoms.size(); ++j) {
      if (j == i || atoms[j].negated || !same_rule(p_, atoms[j].node, opposite)) continue;
      return Never{path(static_cast<int>(j)), "it requires " + quote(static_cast<int>(j)) + " and also its opposite, " +
                                                   quote(static_cast<int>(i))};
    }
  }
  return std::nullopt;
}

std::optional<Never> NeverHolds::scored(const SegmentDef& def) const {
  double reachable = 0;
  for (const auto& signal : def.signals)
    if (signal.weight > 0 && !rule(signal.root)) reachable += signal.weight;
  if (reachable >= def.enter) return std::nullopt;
  return Never{def.path + "/score/enter", "the signals that can hold add up to at most " + format_number(reachable) +
                                              ", below the entry score " + format_number(def.enter)};
}

}  // namespace seg
