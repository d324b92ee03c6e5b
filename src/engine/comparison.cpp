// How a comparison or a `where` filter tests a value: numbers, strings, booleans and lists.
#include <algorithm>

#include "program.hpp"
#include "text_number.hpp"

namespace seg {

bool Comparison::test_number(double v) const {
  switch (op) {
    case Op::Gte: return v >= a;
    case Op::Gt: return v > a;
    case Op::Lte: return v <= a;
    case Op::Lt: return v < a;
    case Op::Eq: return operand == Operand::Number && v == a;
    case Op::Ne: return operand != Operand::Number || v != a;
    case Op::Between: return v >= a && v <= b;
    case Op::In: return std::find(numbers.begin(), numbers.end(), v) != numbers.end();
    case Op::Exists: return flag;
    default: return false;
  }
}

bool Comparison::test_strings(const std::string* const* values, std::size_t count) const {
  if (op == Op::Exists) return (count > 0) == flag;
  if (count == 0) return false;
  if (op == Op::Ne) {
    // Holds when no value equals the operand.
    for (std::size_t i = 0; i < count; ++i) {
      Comparison eq = *this;
      eq.op = Op::Eq;
      if (eq.test_strings(values + i, 1)) return false;
    }
    return true;
  }
  for (std::size_t i = 0; i < count; ++i) {
    const std::string& s = *values[i];
    switch (op) {
      case Op::Eq:
        if (operand == Operand::Number) {
          double n = 0;
          if (parse_number(s, n) && n == a) return true;
        } else if (s == text) {
          return true;
        }
        break;
      case Op::In: {
        if (std::find(texts.begin(), texts.end(), s) != texts.end()) return true;
        double n = 0;
        if (!numbers.empty() && parse_number(s, n) && std::find(numbers.begin(), numbers.end(), n) != numbers.end()) return true;
        break;
      }
      case Op::StartsWith:
        if (s.compare(0, text.size(), text) == 0) return true;
        break;
      case Op::Contains:
        if (s.find(text) != std::string::npos) return true;
        break;
      case Op::Gte: case Op::Gt: case Op::Lte: case Op::Lt: case Op::Between: {
        double n = 0;
        if (parse_number(s, n) && test_number(n)) return true;
        break;
      }
      default: break;
    }
  }
  return false;
}

bool Comparison::test_value(const Value& v) const {
  if (op == Op::Exists) {
    const bool present = v.kind != Value::Kind::None && !(v.kind == Value::Kind::List && v.list.empty());
    return present == flag;
  }
  switch (v.kind) {
    case Value::Kind::None: return false;
    case Value::Kind::Number:
      if (operand == Operand::Text && (op == Op::Eq || op == Op::Ne)) {
        double n = 0;
        const bool same = parse_number(text, n) && n == v.number;
        return op == Op::Eq ? same : !same;
      }
      if (op == Op::In && numbers.empty()) {
        const std::string s = format_number(v.number);
        return std::find(texts.begin(), texts.end(), s) != texts.end();
      }
      return test_number(v.number);
    case Value::Kind::Bool:
      if (op == Op::Eq || op == Op::Ne) {
        bool same = false;
        if (operand == Operand::Bool) same = flag == v.boolean;
        else if (operand == Operand::Text) same = text == (v.boolean ? "true" : "false");
        else same = a == (v.boolean ? 1 : 0);
        return op == Op::Eq ? same : !same;
      }
      if (op == Op::In) return std::find(texts.begin(), texts.end(), v.boolean ? "true" : "false") != texts.end();
      return false;
    case Value::Kind::String: {
      if (operand == Operand::Bool && (op == Op::Eq || op == Op::Ne)) {
        const bool same = v.string == (flag ? "true" : "false");
        return op == Op::Eq ? same : !same;
      }
      const std::string* p = &v.string;
      return test_strings(&p, 1);
    }
    case Value::Kind::List: {
      std::vector<const std::string*> ptrs;
      ptrs.reserve(v.list.size());
      for (const auto& s : v.list) ptrs.push_back(&s);
      return test_strings(ptrs.data(), ptrs.size());
    }
  }
  return false;
}

bool matches(const std::vector<FieldMatcher>& where, const Event& event) {
  for (const auto& m : where) {
    if (m.cmp.operand == Comparison::Operand::Number || m.cmp.op == Comparison::Op::Gte || m.cmp.op == Comparison::Op::Gt ||
        m.cmp.op == Comparison::Op::Lte || m.cmp.op == Comparison::Op::Lt || m.cmp.op == Comparison::Op::Between ||
        (m.cmp.op == Comparison::Op::In && !m.cmp.numbers.empty())) {
      // Numeric field first; a string field holding a number ("42") also counts.
      bool found = false, ok = false;
      for (const auto& [key, value] : event.numbers) {
        if (key == m.field) {
          found = true;
          if (m.cmp.test_number(value)) ok = true;
        }
      }
      if (found) {
        if (!ok) return false;
        continue;
      }
    }
    const std::string* values[kMaxEventFields];
    std::size_t count = 0;
    for (const auto& [key, value] : event.strings)
      if (key == m.field && count < kMaxEventFields) values[count++] = &value;
    if (count == 0 && m.cmp.op == Comparison::Op::Exists) {
      bool numeric = false;
      for (const auto& kv : event.numbers) numeric |= kv.first == m.field;
      if (numeric == m.cmp.flag) continue;
      return false;
    }
    if (!m.cmp.test_strings(values, count)) return false;
  }
  return true;
}

}  // namespace seg
