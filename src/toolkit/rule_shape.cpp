// Structural equality of compiled rules (see rule_shape.hpp).
#include "rule_shape.hpp"

namespace seg {
namespace {

bool same_window(const Window& a, const Window& b) { return a.kind == b.kind && a.span == b.span && a.ago == b.ago; }

bool same_comparison(const Comparison& a, const Comparison& b) {
  return a.op == b.op && a.operand == b.operand && a.a == b.a && a.b == b.b && a.flag == b.flag && a.text == b.text &&
         a.texts == b.texts && a.numbers == b.numbers;
}

}  // namespace

bool same_rule(const Program& p, int a, int b) {
  if (a == b) return true;
  if (a < 0 || b < 0) return false;
  const Node& x = p.nodes[static_cast<std::size_t>(a)];
  const Node& y = p.nodes[static_cast<std::size_t>(b)];
  if (x.kind != y.kind || x.count != y.count || x.feature != y.feature || x.feature2 != y.feature2 || x.name != y.name ||
      x.segment != y.segment || x.steps != y.steps || !same_window(x.window, y.window) || !same_comparison(x.cmp, y.cmp))
    return false;
  for (int i = 0; i < x.count; ++i) {
    if (!same_rule(p, p.children[static_cast<std::size_t>(x.first + i)], p.children[static_cast<std::size_t>(y.first + i)]))
      return false;
  }
  return true;
}

bool same_definition(const Program& p, const SegmentDef& a, const SegmentDef& b) {
  if (a.scored != b.scored) return false;
  if (!a.scored) return same_rule(p, a.root, b.root);
  if (a.enter != b.enter || a.exit != b.exit || a.signals.size() != b.signals.size()) return false;
  for (std::size_t i = 0; i < a.signals.size(); ++i) {
    if (a.signals[i].weight != b.signals[i].weight || !same_rule(p, a.signals[i].root, b.signals[i].root)) return false;
  }
  return true;
}

}  // namespace seg
