#include "packed_event.hpp"

#include "text_number.hpp"

namespace seg {

Event decode_packed_event(std::string_view type, std::string_view packed) {
  Event event;
  event.type = std::string(type.substr(0, kMaxStringBytes));
  std::size_t pos = 0;
  while (pos < packed.size()) {
    std::size_t end = packed.find('\x1e', pos);
    if (end == std::string_view::npos) end = packed.size();
    const std::string_view record = packed.substr(pos, end - pos);
    pos = end + 1;
    const std::size_t sep = record.find('\x1f');
    if (sep == std::string_view::npos || sep == 0) continue;
    if (event.strings.size() + event.numbers.size() >= kMaxEventFields) break;
    std::string_view key = record.substr(0, sep);
    const std::string_view value = record.substr(sep + 1);
    if (key[0] == '#') {
      key.remove_prefix(1);
      double number = 0;
      if (key.empty() || !parse_number(value, number)) continue;
      event.numbers.emplace_back(std::string(key.substr(0, kMaxStringBytes)), number);
    } else {
      event.strings.emplace_back(std::string(key.substr(0, kMaxStringBytes)),
                                 std::string(value.substr(0, kMaxStringBytes)));
    }
  }
  return event;
}

}  // namespace seg
