// What engine_exports.cpp and toolkit_exports.cpp share: the one input buffer and the one result
// string of the boundary's conventions (see engine_exports.cpp).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "shopper_segments/event.hpp"

namespace seg::bindings {

extern std::vector<char> input;
extern std::string result;

// A JS number as engine time; NaN or an absurd value becomes 0 instead of undefined behaviour.
seg::Millis millis(double now);
// The first `bytes` of the input buffer (never past its end).
std::string_view input_text(std::uint32_t bytes);
// Keeps `text` as the result and returns where it starts (its size: seg_result_size()).
const char* give(std::string text);

}  // namespace seg::bindings
