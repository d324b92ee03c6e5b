// A synthetic shop log for trying segments without real data: `shopper-segments generate`.
// Made up, not sampled from any shop: personas (browsers, trend followers, bargain hunters, cart
// abandoners, regulars, lapsed and declining customers, ...) shop a catalogue of categories,
// tags and prices over about six months, with carts, purchases, coupons and returns. The same
// visitors and seed give the same bytes; every segment of the built-in catalogue has members.
#pragma once
#include <cstdint>
#include <string>

#include "shopper_segments/event.hpp"

namespace seg {

struct GeneratorOptions {
  int visitors = 1000;
  std::uint64_t seed = 1;
  Millis start = 1780272000000LL;  // 2026-06-01 00:00 UTC: the log covers the six months after it
};

// JSON Lines in the replay format (src/toolkit/event_line.hpp), visitor by visitor, each
// visitor's lines in time order.
std::string generate_log(const GeneratorOptions& options);

}  // namespace seg
