// Saved state: versioned JSON with a size budget. Loading never throws: corrupted, foreign,
// expired or newer-version state is discarded with an issue and the visitor starts empty.
#pragma once
#include <string>
#include <string_view>

#include "shopper_segments/issue.hpp"
#include "program.hpp"
#include "visitor.hpp"

namespace seg {

// 2: the cart ("cart"). Version 1 states (no cart) still load, with an empty cart.
constexpr int kStateVersion = 2;
constexpr int kOldestStateVersion = 1;
constexpr std::size_t kStateBudget = 16 * 1024;
// The largest saved state the loader reads (state_too_large past it). Far above what saving
// writes (the budget, past it only when even shedding every bucket leaves more), so a state is
// never lost for its size; it only bounds what hostile storage can make the loader parse.
constexpr std::size_t kStateLoadLimit = 1024 * 1024;

// `program` says which features are current: stale ones are shed first when over budget.
std::string save_state(const Visitor& visitor, const Program& program, Millis now);
Issues load_state(std::string_view text, const Program& program, Millis now, Visitor& out);

// Traits and context: flat JSON objects of strings, numbers, booleans and lists of strings.
Issues read_values(std::string_view json_text, std::map<std::string, Value>& into, const char* what);

}  // namespace seg
