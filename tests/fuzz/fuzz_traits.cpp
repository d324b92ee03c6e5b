// seg::Engine::set_traits_json and set_context_json on arbitrary bytes: never crash, every
// refusal is an issue with a code, and whatever they accept stays within the saved bound
// (kMaxValuesBytes) and loads again with nothing lost (issue 15: "the API can write a state it
// cannot read back").
#include <cstdint>
#include <string>
#include <string_view>

#include "shopper_segments/engine.hpp"
#include "shopper_segments/toolkit.hpp"
#include "engine/state_codec.hpp"
#include "engine/visitor.hpp"
#include "fuzz_check.hpp"

namespace {

std::size_t saved_size(const std::map<std::string, seg::Value>& values) {
  std::size_t bytes = 0;
  for (const auto& [key, value] : values) bytes += seg::saved_bytes(key, value);
  return bytes;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto program = seg::compile_config(seg::default_catalog_json()).program;
  SEG_FUZZ_EXPECT(program != nullptr);
  const std::string_view json(reinterpret_cast<const char*>(data), size);
  const seg::Millis now = 1795428000000;

  seg::Engine engine(program);
  engine.track(seg::Event("page_view"), now);
  for (const seg::Issue& issue : engine.set_traits_json(json)) SEG_FUZZ_EXPECT(!issue.code.empty() && !issue.message.empty());
  for (const seg::Issue& issue : engine.set_context_json(json)) SEG_FUZZ_EXPECT(!issue.code.empty() && !issue.message.empty());
  const seg::Visitor& visitor = engine.visitor();
  SEG_FUZZ_EXPECT(visitor.traits.size() <= seg::kMaxTraits && visitor.context.size() <= seg::kMaxTraits);
  SEG_FUZZ_EXPECT(saved_size(visitor.traits) <= seg::kMaxValuesBytes && saved_size(visitor.context) <= seg::kMaxValuesBytes);

  const std::string saved = engine.save(now);
  SEG_FUZZ_EXPECT(saved.size() <= seg::kStateBudget);
  seg::Engine again(program);
  SEG_FUZZ_EXPECT(again.load(saved, now + 1000).empty());
  SEG_FUZZ_EXPECT(again.visitor().traits.size() == visitor.traits.size());
  SEG_FUZZ_EXPECT(again.visitor().context.size() == visitor.context.size());
  SEG_FUZZ_EXPECT(again.visitor().profile.session_no == 1);
  return 0;
}
