#include "packed_event.hpp"

#include "text_number.hpp"

namespace seg {

void decode_packed_event(std::string_view type, std::string_view packed, Event& event) {
  event.type.assign(type.substr(0, kMaxStringBytes));
  // Fields are written over the ones already there (assign keeps a string's buffer), so a caller
  // decoding every event into one Event allocates only when an event is longer than any before.
  std::size_t strings = 0, numbers = 0;
  std::size_t pos = 0;
  while (pos < packed.size()) {
    std::size_t end = packed.find('\x1e', pos);
    if (end == std::string_view::npos) end = packed.size();
    const std::string_view record = packed.substr(pos, end - pos);
    pos = end + 1;
    const std::size_t sep = record.find('\x1f');
    if (sep == std::string_view::npos || sep == 0) continue;
    if (strings + numbers >= kMaxEventFields) break;
    std::string_view key = record.substr(0, sep);
    const std::string_view value = record.substr(sep + 1);
    if (key[0] == '#') {
      key.remove_prefix(1);
      double number = 0;
      if (key.empty() || !parse_number(value, number)) continue;
      if (numbers == event.numbers.size()) event.numbers.emplace_back();
      auto& field = event.numbers[numbers++];
      field.first.assign(key.substr(0, kMaxStringBytes));
      field.second = number;
    } else {
      if (strings == event.strings.size()) event.strings.emplace_back();
      auto& field = event.strings[strings++];
      field.first.assign(key.substr(0, kMaxStringBytes));
      field.second.assign(value.substr(0, kMaxStringBytes));
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
