// The hot-path event encoding that crosses the WASM boundary without JSON (docs/BINDINGS.md):
// records separated by RS (0x1e), key and value by US (0x1f); a key starting with '#' is numeric.
#pragma once
#include <string_view>

#include "shopper_segments/event.hpp"

namespace seg {

// Never fails: malformed records (no US, empty key, non-numeric number) are skipped, and the
// event keeps at most kMaxEventFields fields with strings cut to kMaxStringBytes.
Event decode_packed_event(std::string_view type, std::string_view packed);
// The same into `event`, reusing its memory: the hot path keeps one Event for every call.
void decode_packed_event(std::string_view type, std::string_view packed, Event& event);

}  // namespace seg
