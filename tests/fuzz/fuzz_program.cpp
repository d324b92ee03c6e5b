// seg::read_program on arbitrary bytes: never crashes; a refusal names its code; a program it
// accepts runs a short journey through the engine without crashing (the engine trusts what the
// reader verified) and writes back to bytes that read back the same.
//
// Random bytes almost never carry a matching checksum, so each input is also read with its
// checksum made right, and inputs that do not start with "SSEG" are mutations of the catalogue's
// program (4 bytes each: offset, offset, kind, value) applied before the checksum is made right:
// both reach the body's decoder and the verifier, where the work is.
#include <cstdint>
#include <string>
#include <string_view>

#include "shopper_segments/engine.hpp"
#include "engine/program.hpp"
#include "engine/program_reader.hpp"
#include "toolkit/program_writer.hpp"
#include "shopper_segments/toolkit.hpp"
#include "fuzz_check.hpp"

namespace {

constexpr std::size_t kHeader = 20;

// The same bytes with the header's checksum and body length made to match the body.
std::string resealed(std::string bytes) {
  if (bytes.size() < kHeader) return bytes;
  const std::string_view body = std::string_view(bytes).substr(kHeader);
  const std::uint64_t checksum = seg::program_checksum(body);
  const std::uint64_t length = body.size();
  for (int i = 0; i < 8; ++i) bytes[8 + i] = static_cast<char>((checksum >> (8 * i)) & 0xff);
  for (int i = 0; i < 4; ++i) bytes[16 + i] = static_cast<char>((length >> (8 * i)) & 0xff);
  return bytes;
}

std::string mutated_catalogue(const std::uint8_t* data, std::size_t size) {
  static const std::string catalogue = seg::write_program(*seg::default_catalog_program());
  std::string bytes = catalogue;
  for (std::size_t i = 0; i + 4 <= size && bytes.size() > kHeader; i += 4) {
    // Only the body changes: the header is made right afterwards anyway.
    const std::size_t at = kHeader + (data[i] | data[i + 1] << 8) % (bytes.size() - kHeader);
    const char value = static_cast<char>(data[i + 3]);
    switch (data[i + 2] % 4) {
      case 0: bytes[at] = static_cast<char>(bytes[at] ^ value); break;
      case 1: bytes[at] = value; break;
      case 2: bytes.insert(at, 1, value); break;
      default: bytes.erase(at, 1); break;
    }
  }
  return bytes;
}

void run(const std::string& bytes) {
  const seg::ProgramRead read = seg::read_program(bytes);
  if (!read.program) {
    SEG_FUZZ_EXPECT(!read.code.empty() && !read.message.empty());
    return;
  }
  SEG_FUZZ_EXPECT(read.code.empty());
  const seg::Program& program = *read.program;

  // Written again, it reads back as the same program.
  const std::string written = seg::write_program(program);
  const seg::ProgramRead again = seg::read_program(written);
  SEG_FUZZ_EXPECT(again.program != nullptr);
  SEG_FUZZ_EXPECT(seg::write_program(*again.program) == written);

  // A short journey: events of the program's own types and a few common ones, decisions, a
  // shown offer, segments, and the state saved and loaded.
  seg::Millis now = 1795428000000;  // Monday 2026-11-23 10:00 UTC
  seg::Engine engine(read.program);
  engine.set_visitor_id("fuzz");
  engine.set_trait("customer_orders", seg::Value::of(3.0));
  engine.set_context("tz_offset", seg::Value::of(-300.0));
  engine.set_context("device", seg::Value::of("mobile"));
  for (std::size_t i = 0; i < program.series.size() && i < 12; ++i) {
    now += 90 * seg::kSecond;
    engine.track(seg::Event(program.series[i].type).str("item_id", "a").str("tags", "new").num("price", 20).num("value", 35), now);
  }
  engine.track(seg::Event("purchase").num("value", 80), now += seg::kMinute);
  const seg::Choices& choices = engine.choose(now);
  for (const seg::SlotChoice& c : choices.slots) {
    SEG_FUZZ_EXPECT(c.slot >= 0 && static_cast<std::size_t>(c.slot) < program.slots.size());
    if (c.offer >= 0) engine.record(program.offers[static_cast<std::size_t>(c.offer)].id, seg::Outcome::Shown, now);
  }
  SEG_FUZZ_EXPECT(engine.segment_states(now).size() == program.segments.size());
  engine.decide(now + seg::kDay);
  engine.segments(now + 30 * seg::kDay);
  seg::Engine restored(read.program);
  SEG_FUZZ_EXPECT(restored.load(engine.save(now), now).empty());
  restored.decide(now + seg::kWeek);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  if (input.compare(0, 4, "SSEG") == 0) {
    run(input);
    run(resealed(input));
  } else {
    run(resealed(mutated_catalogue(data, size)));
  }
  return 0;
}
