// The rule language's grammar as data: its rule forms, comparisons and weekdays. The compiler
// (rule_compile.cpp, config_compile.cpp) checks configurations against these lists, and the
// language descriptor (language.cpp) hands the very same lists to the studio, so the two cannot
// drift. Words for people (labels) are not here: they belong to language.cpp.
#pragma once
#include <string_view>
#include <vector>

#include "engine/program.hpp"

namespace seg {

enum class FormGroup { Logic, Event, Cart, Other };

// What a form's own key holds.
enum class FormTarget {
  Rules,    // all, any: a list of rules
  Rule,     // not: one rule
  Event,    // count, share, since: an event name
  EventField,          // distinct, sum, avg: "event.field"
  EventOptionalField,  // trend: an event name or "event.field"
  Steps,    // sequence: a list of event names or {event, where}
  Trait,
  Context,
  Segment,
  Cart,     // cart: one of cart_measure_keys()
};

// What a form's comparison compares: the compiler refuses comparisons that do not fit.
enum class Operand {
  None,       // takes no comparison (logic, sequence, segment)
  Numbers,    // counts, sums, shares, changes
  Durations,  // since
  Values,     // traits and context: numbers, words, booleans, lists
};

struct RuleForm {
  std::string_view key;
  FormGroup group;
  FormTarget target;
  Operand operand;
  bool comparison_optional;  // count: without one it means "at least once"
  std::vector<std::string_view> keys;  // keys it accepts besides its own and its comparison
};

// In the order a rule object is read: the first form found names the rule.
const std::vector<RuleForm>& rule_forms();
const RuleForm* rule_form(std::string_view key);
// Just the keys of rule_forms(), in the same order.
const std::vector<std::string_view>& rule_form_keys();

// gte, gt, lte, lt, eq, ne, between, in, startsWith, contains, exists: in this order.
const std::vector<std::string_view>& comparison_keys();
Comparison::Op comparison_op(std::string_view key);  // Op::None for anything else
std::string_view comparison_key(Comparison::Op op);  // "" for Op::None
// Whether a comparison may compare this operand; where it may not, the compiler reports
// bad_comparison.
bool comparison_fits(Comparison::Op op, Operand operand);

// value, quantity, items: what a cart condition measures (engine/cart.hpp).
const std::vector<std::string_view>& cart_measure_keys();

// mon .. sun: bit i of an offer's day mask is weekday_keys()[i].
const std::vector<std::string_view>& weekday_keys();

}  // namespace seg
