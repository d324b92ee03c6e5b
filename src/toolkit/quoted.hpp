// “name”: how the toolkit's sentences for owners (lint, slot words) set names and quoted words
// apart from the sentence around them.
#pragma once
#include <string>

namespace seg {

inline std::string quoted(const std::string& text) { return "\xE2\x80\x9C" + text + "\xE2\x80\x9D"; }

}  // namespace seg
