// seg::decode_packed_event (the WASM hot-path encoding) on arbitrary bytes: never fails, keeps the
// documented bounds, and whatever it returns can be tracked.
// Input: the event type, a newline, then the packed fields.
#include <cmath>
#include <cstdint>
#include <string_view>

#include "shopper_segments/engine.hpp"
#include "shopper_segments/toolkit.hpp"
#include "engine/packed_event.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto program = seg::compile_config(seg::default_catalog_json()).program;
  SEG_FUZZ_EXPECT(program != nullptr);
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto newline = input.find('\n');
  const std::string_view type = input.substr(0, newline);
  const std::string_view packed = newline == std::string_view::npos ? std::string_view() : input.substr(newline + 1);

  const seg::Event event = seg::decode_packed_event(type, packed);
  SEG_FUZZ_EXPECT(event.strings.size() + event.numbers.size() <= seg::kMaxEventFields);
  for (const auto& field : event.strings) SEG_FUZZ_EXPECT(field.second.size() <= seg::kMaxStringBytes);
  for (const auto& field : event.numbers) SEG_FUZZ_EXPECT(std::isfinite(field.second));

  const seg::Millis now = 1795428000000;
  seg::Engine engine(program);
  engine.track(event, now);
  engine.track(event, now + 60000);
  engine.segments(now + 60000);
  engine.decide(now + 60000);
  return 0;
}
