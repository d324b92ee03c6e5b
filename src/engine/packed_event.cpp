// libc++ declares std::string an extern template, so its members (assign, compare) would run
// out of line from the library's size-built copy even from this hot file (-O2 in the WASM
// build). Defined before any include, they are instantiated here and inlined: WASM core track
// 0.45 -> 0.39 us for 99 B of gzip. libstdc++ (native builds) ignores it. Only this file: the
// other hot files gained nothing measurable and cost bytes.
#define _LIBCPP_DISABLE_EXTERN_TEMPLATE
#include "packed_event.hpp"

#include "json.hpp"

#include "text_number.hpp"

namespace seg {
namespace {

// The first kMaxStringBytes of `text`. Not string_view::substr: the copy of it LTO keeps in the
// WASM build comes from a size-built file and is called out of line, with std::min in it.
std::string_view clipped(std::string_view text) {
  return text.size() > kMaxStringBytes ? utf8_prefix(text, kMaxStringBytes) : text;
}

}  // namespace

void decode_packed_event(std::string_view type, std::string_view packed, Event& event) {
  event.type.assign(clipped(type));
  // Fields are written over the ones already there (assign keeps a string's buffer), so a caller
  // decoding every event into one Event allocates only when an event is longer than any before.
  std::size_t strings = 0, numbers = 0;
  // One pass finds each record's end (RS) and its first US: fields are short, and a library
  // search per separator costs more in calls than it saves (in WASM above all).
  const char* const data = packed.data();
  const std::size_t size = packed.size();
  std::size_t pos = 0;
  while (pos < size) {
    std::size_t sep = std::string_view::npos, end = pos;
    for (; end < size && data[end] != '\x1e'; ++end)
      if (data[end] == '\x1f' && sep == std::string_view::npos) sep = end;
    const std::size_t begin = pos;
    pos = end + 1;
    if (sep == std::string_view::npos || sep == begin) continue;
    if (strings + numbers >= kMaxEventFields) break;
    std::string_view key(data + begin, sep - begin);
    const std::string_view value(data + sep + 1, end - sep - 1);
    if (key[0] == '#') {
      key.remove_prefix(1);
      double number = 0;
      if (key.empty() || !parse_number(value, number)) continue;
      if (numbers == event.numbers.size()) event.numbers.emplace_back();
      auto& field = event.numbers[numbers++];
      key = clipped(key);
      if (field.first != key) field.first.assign(key);  // the same events repeat the same names
      field.second = number;
    } else {
      if (strings == event.strings.size()) event.strings.emplace_back();
      auto& field = event.strings[strings++];
      key = clipped(key);
      if (field.first != key) field.first.assign(key);
      field.second.assign(clipped(value));
    }
  }
  event.strings.resize(strings);
  event.numbers.resize(numbers);
}

Event decode_packed_event(std::string_view type, std::string_view packed) {
  Event event;
  decode_packed_event(type, packed, event);
  return event;
}

}  // namespace seg
