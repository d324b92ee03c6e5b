#pragma once
// The bytes a JSON string reader must stop at, shared by the toolkit's two hand-written JSON
// readers (event_line_fast.cpp for the replay's own lines, json_scan.cpp for GA4 export rows).

namespace seg {

// Bytes that end the plain run of a string: the closing quote, an escape, a control character,
// or the first byte of a multi-byte UTF-8 sequence (which is then checked).
struct StringAttentionTable {
  bool bytes[256] = {};
  constexpr StringAttentionTable() {
    for (int c = 0; c < 0x20; ++c) bytes[c] = true;
    for (int c = 0x80; c < 0x100; ++c) bytes[c] = true;
    bytes[static_cast<int>('"')] = true;
    bytes[static_cast<int>('\\')] = true;
  }
  constexpr bool operator[](unsigned char c) const { return bytes[c]; }
};
inline constexpr StringAttentionTable kNeedsAttention;

}  // namespace seg
