// Writing JSON text by hand for the CLI's output lines (a few strings per visitor; no document).
#pragma once
#include <string>
#include <string_view>

namespace seg::cli {

// Appends `text` as a JSON string literal, quotes included.
void append_json_string(std::string& out, std::string_view text);

}  // namespace seg::cli
