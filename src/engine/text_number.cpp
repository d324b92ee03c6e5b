#include "text_number.hpp"

#include "json.hpp"

namespace seg {

// Locale-free, strtod-free: the JSON number reader and writer of json.cpp.
bool parse_number(std::string_view text, double& out) {
  if (text.empty() || text.size() > 64) return false;
  return parse_json_number(text, out);
}

std::string format_number(double value) {
  std::string out;
  append_number(out, value);
  return out;
}

std::string integer_text(long long value) {
  std::string out;
  append_number(out, static_cast<double>(value));
  return out;
}

}  // namespace seg
