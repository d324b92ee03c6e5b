// The grammar's tables (see grammar.hpp). Changing a list here changes what the compiler accepts
// and what the studio offers, together.
#include "grammar.hpp"

#include <array>

namespace seg {
namespace {

using Op = Comparison::Op;

struct ComparisonEntry {
  std::string_view key;
  Op op;
};

constexpr std::array<ComparisonEntry, 11> kComparisons = {{
    {"gte", Op::Gte}, {"gt", Op::Gt}, {"lte", Op::Lte}, {"lt", Op::Lt}, {"eq", Op::Eq}, {"ne", Op::Ne},
    {"between", Op::Between}, {"in", Op::In}, {"startsWith", Op::StartsWith}, {"contains", Op::Contains},
    {"exists", Op::Exists},
}};

std::vector<RuleForm> make_forms() {
  using G = FormGroup;
  using T = FormTarget;
  using O = Operand;
  return {
      {"all", G::Logic, T::Rules, O::None, false, {}},
      {"any", G::Logic, T::Rules, O::None, false, {}},
      {"not", G::Logic, T::Rule, O::None, false, {}},
      {"count", G::Event, T::Event, O::Numbers, true, {"where", "within", "ago", "per"}},
      {"distinct", G::Event, T::EventField, O::Numbers, false, {"where", "within", "ago"}},
      {"sum", G::Event, T::EventField, O::Numbers, false, {"where", "within", "ago"}},
      {"avg", G::Event, T::EventField, O::Numbers, false, {"where", "within", "ago"}},
      {"share", G::Event, T::Event, O::Numbers, false, {"where", "within", "ago"}},
      // The change against the window just before: "ago" would move both, so it is not offered.
      {"trend", G::Event, T::EventOptionalField, O::Numbers, false, {"where", "within"}},
      // Exact last-seen times, not windows.
      {"since", G::Event, T::Event, O::Durations, false, {"where"}},
      {"sequence", G::Event, T::Steps, O::None, false, {"within", "ago"}},
      // The cart as it is now (engine/cart.hpp): no window, it is a state, not a history.
      {"cart", G::Cart, T::Cart, O::Numbers, false, {"where"}},
      {"trait", G::Other, T::Trait, O::Values, false, {}},
      {"context", G::Other, T::Context, O::Values, false, {}},
      {"segment", G::Other, T::Segment, O::None, false, {}},
  };
}

}  // namespace

const std::vector<RuleForm>& rule_forms() {
  static const std::vector<RuleForm> forms = make_forms();
  return forms;
}

const RuleForm* rule_form(std::string_view key) {
  for (const auto& f : rule_forms())
    if (f.key == key) return &f;
  return nullptr;
}

const std::vector<std::string_view>& rule_form_keys() {
  static const std::vector<std::string_view> keys = [] {
    std::vector<std::string_view> out;
    for (const auto& f : rule_forms()) out.push_back(f.key);
    return out;
  }();
  return keys;
}

const std::vector<std::string_view>& comparison_keys() {
  static const std::vector<std::string_view> keys = [] {
    std::vector<std::string_view> out;
    for (const auto& c : kComparisons) out.push_back(c.key);
    return out;
  }();
  return keys;
}

Comparison::Op comparison_op(std::string_view key) {
  for (const auto& c : kComparisons)
    if (c.key == key) return c.op;
  return Op::None;
}

std::string_view comparison_key(Comparison::Op op) {
  for (const auto& c : kComparisons)
    if (c.op == op) return c.key;
  return {};
}

bool comparison_fits(Comparison::Op op, Operand operand) {
  switch (operand) {
    case Operand::None: return false;
    case Operand::Values: return op != Op::None;
    // Numbers have no prefix, substring or "is set": a count or a sum always has a value.
    case Operand::Numbers: return op != Op::None && op != Op::StartsWith && op != Op::Contains && op != Op::Exists;
    // A time since is never exactly equal to anything worth asking for: ranges only.
    case Operand::Durations:
      return op == Op::Gte || op == Op::Gt || op == Op::Lte || op == Op::Lt || op == Op::Between;
  }
  return false;
}

const std::vector<std::string_view>& cart_measure_keys() {
  static const std::vector<std::string_view> measures = {"value", "quantity", "items"};
  return measures;
}

const std::vector<std::string_view>& weekday_keys() {
  static const std::vector<std::string_view> days = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  return days;
}

}  // namespace seg
