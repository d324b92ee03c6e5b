// seg::Engine::load on arbitrary bytes: never crashes; state that loads can be saved, loaded
// again (with the same cart value and quantity) and evaluated.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>

#include "shopper_segments/engine.hpp"
#include "shopper_segments/toolkit.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto program = seg::compile_config(seg::default_catalog_json()).program;
  SEG_FUZZ_EXPECT(program != nullptr);
  // A few days after the seeds in corpus/fuzz_state were saved, well inside the state's lifetime.
  const seg::Millis now = 1796500000000;
  const std::string_view state(reinterpret_cast<const char*>(data), size);

  seg::Engine engine(program);
  if (!engine.load(state, now).empty()) return 0;
  engine.segments(now);
  engine.decide(now);
  const std::string saved = engine.save(now);
  seg::Engine again(program);
  SEG_FUZZ_EXPECT(again.load(saved, now).empty());
  // Saving may shed detail, never the cart's value or quantity (lines it folds go to its totals).
  const auto same = [](double a, double b) { return std::fabs(a - b) <= 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)}); };
  SEG_FUZZ_EXPECT(same(again.cart_value(), engine.cart_value()));
  SEG_FUZZ_EXPECT(same(again.cart_quantity(), engine.cart_quantity()));
  again.track(seg::Event("page_view").str("page_type", "home"), now + 1000);
  again.decide(now + 1000);
  return 0;
}
