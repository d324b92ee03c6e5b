// Parsing JSON text without exceptions (the WASM build has none), reporting where it broke.
#pragma once
#include <string_view>

#include "json.hpp"

#include "shopper_segments/issue.hpp"

namespace seg {

// False (and one json_syntax issue with the byte offset) when the text is not JSON.
bool parse_json(std::string_view text, Json& out, Issues& issues);

}  // namespace seg
