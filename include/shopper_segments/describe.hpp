// A rule or a segment in plain words, for owners who read rules without reading JSON: the studio
// shows them beside each condition and in its catalogue (bindings: seg_describe).
#pragma once
#include <string>
#include <string_view>

#include "issue.hpp"

namespace seg {

struct Description {
  std::string words;
  Issues issues;  // json_syntax when the text is not JSON; then `words` is empty
};

// `json_text` is a rule ({"count": ...}), a segment ({"id", "rule"} or {"id", "score"}), or
// {"describe": <rule or segment>, "segments": [...]}, whose segments (a configuration's list, or
// just their ids and names) let the words name referenced segments as owners know them.
Description describe(std::string_view json_text);

}  // namespace seg
