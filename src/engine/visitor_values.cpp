// Traits and context values under their limits. Apart from visitor.cpp, which the WASM module
// builds for speed: this runs when a page sets traits or context, not per event.
#include "visitor.hpp"

namespace seg {

namespace {

// A string as append_quoted (engine/json.cpp) writes it: quotes and escapes.
std::size_t quoted_bytes(const std::string& text) {
  std::size_t n = 2;
  for (char ch : text) {
    const unsigned char c = static_cast<unsigned char>(ch);
    n += c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f' ? 2 : c < 0x20 ? 6 : 1;
  }
  return n;
}

}  // namespace

std::size_t saved_bytes(const std::string& key, const Value& value) {
  std::size_t n = quoted_bytes(key) + 2;  // "key": and a comma
  switch (value.kind) {
    case Value::Kind::Number: return n + 24;  // the longest number append_number writes
    case Value::Kind::Bool: return n + 5;
    case Value::Kind::String: return n + quoted_bytes(value.string);
    case Value::Kind::List:
      n += 2;
      for (const auto& item : value.list) n += quoted_bytes(item) + 1;
      return n;
    case Value::Kind::None: break;
  }
  return n + 4;
}

PutValue put_value(std::map<std::string, Value>& values, std::string key, Value value) {
  if (key.empty() || key.size() > kMaxStringBytes) return PutValue::BadName;
  if (!value.is_set()) {
    values.erase(key);
    return PutValue::Removed;
  }
  if (values.size() >= kMaxTraits && !values.count(key)) return PutValue::Full;
  // The values already held are within the bound, so this is at most kMaxValuesBytes of work.
  std::size_t bytes = saved_bytes(key, value);
  for (const auto& [k, v] : values)
    if (k != key) bytes += saved_bytes(k, v);
  if (bytes > kMaxValuesBytes) return PutValue::TooLarge;
  values[std::move(key)] = std::move(value);
  return PutValue::Set;
}

}  // namespace seg
