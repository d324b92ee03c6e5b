// The rule language as the studio shows it: the grammar's lists (grammar.hpp, time_units.hpp), each
// with plain words for a shop owner, and the events, fields, traits and context keys a shop usually
// has. The studio renders its pickers from language_json() instead of keeping a copy of its own.
#pragma once
#include <string>
#include <string_view>

namespace seg {

// {"groups", "kinds", "comparisons", "units", "windows", "events", "fields", "traits", "context",
//  "weekdays"}: every entry has "key" and "label"; docs/RULES.md "Language descriptor".
std::string language_json();

// Words the descriptor, the rule words (describe.cpp) and the checks (lint.cpp) share. Each returns
// "" for a key the language has no words for (any event name is allowed; traits are the shop's).
std::string_view event_label(std::string_view event);      // "viewed an item"
std::string_view cart_measure_label(std::string_view measure);  // "value of the cart"
std::string_view trait_label(std::string_view trait);      // "number of orders"
std::string_view context_label(std::string_view key);      // "time zone"
std::string_view unit_word(char suffix, bool plural);      // 'd' -> "day" / "days"

}  // namespace seg
