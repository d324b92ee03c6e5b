// Segment implication from the rules' structure (see segment_implies.hpp).
#include "segment_implies.hpp"

#include "rule_shape.hpp"

namespace seg {
namespace {

// References nest at most this deep before the answer is "not shown" (compile_config rejects
// cycles; this only bounds the work on long chains).
constexpr int kMaxDepth = 16;

}  // namespace

SegmentImplies::SegmentImplies(const Program& program) : p_(program), required_(program.segments.size()) {
  for (std::size_t i = 0; i < p_.segments.size(); ++i) {
    const SegmentDef& s = p_.segments[i];
    if (!s.scored && s.root >= 0) conjuncts(s.root, required_[i]);
  }
}

void SegmentImplies::conjuncts(int node, std::vector<int>& out) const {
  const Node& n = p_.nodes[static_cast<std::size_t>(node)];
  if (n.kind != NodeKind::All) {
    out.push_back(node);
    return;
  }
  for (int i = 0; i < n.count; ++i) conjuncts(p_.children[static_cast<std::size_t>(n.first + i)], out);
}

bool SegmentImplies::implies(int a, int b) const { return implies_at(a, b, 0); }

bool SegmentImplies::implies_at(int a, int b, int depth) const {
  if (a == b) return true;
  if (depth > kMaxDepth) return false;
  const SegmentDef& sb = p_.segments[static_cast<std::size_t>(b)];
  const SegmentDef& sa = p_.segments[static_cast<std::size_t>(a)];
  if (same_definition(p_, sa, sb)) return true;
  if (!sb.scored && sb.root >= 0 && !sa.scored) {
    bool all = true;
    for (int condition : required_[static_cast<std::size_t>(b)]) {
      if (!satisfies(a, condition, depth)) {
        all = false;
        break;
      }
    }
    if (all) return true;
  }
  // A segment `a` needs may imply `b`.
  for (int condition : required_[static_cast<std::size_t>(a)]) {
    const Node& n = p_.nodes[static_cast<std::size_t>(condition)];
    if (n.kind == NodeKind::SegmentRef && n.segment >= 0 && implies_at(n.segment, b, depth + 1)) return true;
  }
  return false;
}

// Whether `condition` holds for every member of segment `a`.
bool SegmentImplies::satisfies(int a, int condition, int depth) const {
  for (int mine : required_[static_cast<std::size_t>(a)])
    if (same_rule(p_, mine, condition)) return true;
  const Node& n = p_.nodes[static_cast<std::size_t>(condition)];
  return n.kind == NodeKind::SegmentRef && n.segment >= 0 && implies_at(a, n.segment, depth + 1);
}

}  // namespace seg
