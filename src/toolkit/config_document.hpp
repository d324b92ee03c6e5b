// The configuration's JSON text as a document the compiler walks, parsed with nlohmann/json (the
// owner toolkit has no size budget; the storefront runtime parses no configuration at all).
#pragma once
#include <string_view>

#include "shopper_segments/issue.hpp"
#include "engine/json.hpp"

namespace seg {

// Nesting deeper than this is refused as a json_syntax issue (no rule needs it, and the compiler
// and the document's destructor recurse).
constexpr std::size_t kMaxConfigDepth = 256;

// False, with one issue, when `text` is not one JSON value this reads: json_syntax naming the byte
// where the text breaks (invalid UTF-8 included), or at the value's JSON Pointer json_too_deep
// (nesting past kMaxConfigDepth) or number_out_of_range (past a double, 1e400). A key given twice
// in one object keeps its last value, as JSON.parse does.
bool parse_config_document(std::string_view text, Json& out, Issues& issues);

}  // namespace seg
