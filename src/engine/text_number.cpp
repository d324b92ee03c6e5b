#include "text_number.hpp"

#include <cmath>
#include <cstdlib>

#include <nlohmann/json.hpp>

namespace seg {

bool parse_number(std::string_view text, double& out) {
  if (text.empty() || text.size() > 64) return false;
  // Validate the JSON number grammar first so strtod's locale and hex forms never apply.
  std::size_t i = 0;
  if (text[i] == '-') ++i;
  std::size_t digits = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') { ++i; ++digits; }
  if (digits == 0) return false;
  if (i < text.size() && text[i] == '.') {
    ++i;
    std::size_t frac = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') { ++i; ++frac; }
    if (frac == 0) return false;
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    std::size_t exp = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') { ++i; ++exp; }
    if (exp == 0) return false;
  }
  if (i != text.size()) return false;
  char buffer[72];
  text.copy(buffer, text.size());
  buffer[text.size()] = '\0';
  const double value = std::strtod(buffer, nullptr);
  if (!std::isfinite(value)) return false;
  out = value;
  return true;
}

std::string format_number(double value) {
  if (!std::isfinite(value)) return "0";
  if (value == std::floor(value) && std::fabs(value) < 1e15) {
    return std::to_string(static_cast<long long>(value));
  }
  // nlohmann prints the shortest round-tripping form (Grisu2) without touching the locale.
  return nlohmann::json(value).dump();
}

}  // namespace seg
