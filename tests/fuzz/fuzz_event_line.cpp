// The CLI's replay line readers: the JSON reader never crashes and always explains a refusal, and
// whenever the fast reader takes a line, the JSON reader reads exactly the same from it.
#include <cstdint>
#include <string>
#include <string_view>

#include "cli/event_line.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view line(reinterpret_cast<const char*>(data), size);
  seg::cli::EventLine fast;
  seg::cli::EventLine json;
  std::string error;
  const bool fast_ok = seg::cli::parse_event_line_fast(line, fast);
  const bool json_ok = seg::cli::parse_event_line_json(line, json, error);
  SEG_FUZZ_EXPECT(json_ok || !error.empty());
  if (fast_ok) {
    SEG_FUZZ_EXPECT(json_ok);
    SEG_FUZZ_EXPECT(seg::cli::same_event_line(fast, json));
  }
  return 0;
}
