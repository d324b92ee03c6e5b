// seg::compile_config on arbitrary bytes: never crashes; a refusal always explains itself; an
// accepted configuration can run a visitor.
#include <cstdint>
#include <string_view>

#include "shopper_segments/engine.hpp"
#include "shopper_segments/toolkit.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const seg::CompileResult result = seg::compile_config(text);
  if (!result.program) {
    SEG_FUZZ_EXPECT(!result.issues.empty());
    for (const seg::Issue& issue : result.issues) {
      SEG_FUZZ_EXPECT(!issue.code.empty());
      SEG_FUZZ_EXPECT(!issue.message.empty());
      SEG_FUZZ_EXPECT(issue.path.empty() || issue.path[0] == '/');
    }
    return 0;
  }
  const seg::Millis now = 1795428000000;  // Monday 2026-11-23 10:00 UTC
  seg::Engine engine(result.program);
  engine.set_visitor_id("fuzz");
  engine.track(seg::Event("view_item").str("item_id", "a").str("tags", "new").num("price", 20), now);
  engine.segments(now);
  engine.decide(now);
  return 0;
}
