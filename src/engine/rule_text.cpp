// The words and keys compile_config derives from rules (moved here from the toolkit's
// compile_support.cpp, so the program reader derives the same text).
#include "rule_text.hpp"

#include <algorithm>

#include "text_number.hpp"
#include "time_units.hpp"

namespace seg {
namespace {

std::string operand_text(double n, bool durations) {
  // compile_config's durations are at most ten years; anything else (only a hostile program
  // has it) must not reach the cast, which is undefined past the range of Millis.
  if (durations) return format_duration(n >= 0 && n <= 9e15 ? static_cast<Millis>(n) : 0);
  return format_number(n);
}

std::string single_operand(const Comparison& c, bool durations) {
  switch (c.operand) {
    case Comparison::Operand::Text: return "\"" + c.text + "\"";
    case Comparison::Operand::Bool: return c.flag ? "true" : "false";
    default: return operand_text(c.a, durations);
  }
}

}  // namespace

std::string describe_comparison(const Comparison& c, bool durations) {
  switch (c.op) {
    case Comparison::Op::Gte: return ">= " + single_operand(c, durations);
    case Comparison::Op::Gt: return "> " + single_operand(c, durations);
    case Comparison::Op::Lte: return "<= " + single_operand(c, durations);
    case Comparison::Op::Lt: return "< " + single_operand(c, durations);
    case Comparison::Op::Eq: return "= " + single_operand(c, durations);
    case Comparison::Op::Ne: return "!= " + single_operand(c, durations);
    case Comparison::Op::Between:
      return "between " + operand_text(c.a, durations) + " and " + operand_text(c.b, durations);
    case Comparison::Op::In: {
      std::string out = "in [";
      bool first = true;
      for (const auto& t : c.texts) { out += (first ? "\"" : ", \"") + t + "\""; first = false; }
      for (double n : c.numbers) { out += (first ? "" : ", ") + format_number(n); first = false; }
      return out + "]";
    }
    case Comparison::Op::StartsWith: return "starts with \"" + c.text + "\"";
    case Comparison::Op::Contains: return "contains \"" + c.text + "\"";
    case Comparison::Op::Exists: return c.flag ? "is set" : "is not set";
    case Comparison::Op::None: break;
  }
  return "";
}

std::string describe_where(const std::vector<FieldMatcher>& where) {
  std::string out;
  for (const auto& m : where) {
    out += out.empty() ? " where " : " and ";
    out += m.field + " " + describe_comparison(m.cmp, false);
  }
  return out;
}

namespace {

std::string canonical_where(const std::vector<FieldMatcher>& where) {
  std::vector<std::string> parts;
  for (const auto& m : where) parts.push_back(m.field + ":" + describe_comparison(m.cmp, false));
  std::sort(parts.begin(), parts.end());
  std::string out;
  for (const auto& p : parts) out += "|" + p;
  return out;
}

}  // namespace

std::string series_key(const std::string& type, const std::vector<FieldMatcher>& where, const std::string& sum_field) {
  std::string key = type + canonical_where(where);
  if (!sum_field.empty()) key += "|#" + sum_field;
  return key;
}

std::string value_set_key(const std::string& type, const std::vector<FieldMatcher>& where, const std::string& field) {
  return type + canonical_where(where) + "|@" + field;
}

std::string step_key(const std::string& type, const std::vector<FieldMatcher>& where) {
  return type + canonical_where(where);
}

}  // namespace seg
