// The CLI's replay line readers: the JSON reader never crashes and always explains a refusal, and
// whenever the fast reader takes a line, the JSON reader reads exactly the same from it.
#include <cstdint>
#include <string>
#include <string_view>

#include "toolkit/event_line.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view line(reinterpret_cast<const char*>(data), size);
  seg::EventLine fast;
  seg::EventLine json;
  std::string error;
  const bool fast_ok = seg::parse_event_line_fast(line, fast);
  const bool json_ok = seg::parse_event_line_json(line, json, error);
  SEG_FUZZ_EXPECT(json_ok || !error.empty());
  if (fast_ok) {
    SEG_FUZZ_EXPECT(json_ok);
    SEG_FUZZ_EXPECT(seg::same_event_line(fast, json));
  }
  return 0;
}
