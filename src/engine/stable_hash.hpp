// The stable local hash behind holdout and control-group membership: the same visitor id, offer
// and salt give the same share on every device build (native, WASM) and every run.
#pragma once
#include <cstdint>
#include <string_view>

namespace seg {

inline std::uint64_t fnv1a64(std::string_view text, std::uint64_t hash = 1469598103934665603ULL) {
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  return hash;
}

// A number in [0, 1) from the parts, separated so that ("ab","c") differs from ("a","bc").
inline double stable_share(std::string_view a, std::string_view b, std::string_view c) {
  std::uint64_t h = fnv1a64(a);
  h = fnv1a64("\x1f", h);
  h = fnv1a64(b, h);
  h = fnv1a64("\x1f", h);
  h = fnv1a64(c, h);
  // Final avalanche (splitmix64) so that near-identical ids spread evenly.
  h ^= h >> 30; h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 27; h *= 0x94d049bb133111ebULL;
  h ^= h >> 31;
  return static_cast<double>(h >> 11) / 9007199254740992.0;  // 2^53
}

}  // namespace seg
