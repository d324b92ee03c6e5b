// Traits and context values under their limits. Apart from visitor.cpp, which the WASM module
// builds for speed: this runs when a page sets traits or context, not per event.
#include "visitor.hpp"

namespace seg {

PutValue put_value(std::map<std::string, Value>& values, std::string key, Value value) {
  if (key.empty() || key.size() > kMaxStringBytes) return PutValue::BadName;
  if (!value.is_set()) {
    values.erase(key);
    return PutValue::Removed;
  }
  if (values.size() >= kMaxTraits && !values.count(key)) return PutValue::Full;
  values[std::move(key)] = std::move(value);
  return PutValue::Set;
}

}  // namespace seg
