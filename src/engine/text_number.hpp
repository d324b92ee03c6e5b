// Locale-free number parsing and printing (no iostreams in the engine; no strtod locale traps).
#pragma once
#include <string>
#include <string_view>

namespace seg {

// A finite JSON-style number ("-12.5e3"); false for anything else, NaN and infinity included.
bool parse_number(std::string_view text, double& out);

// Shortest form that reads back: 3 -> "3", 0.5 -> "0.5", 19.99 -> "19.99".
std::string format_number(double value);

// Whole numbers as text without printf (std::to_string pulls it into the WASM module).
std::string integer_text(long long value);

}  // namespace seg
