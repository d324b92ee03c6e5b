// Deterministic pseudo-random journeys for property tests (no <random>: the same everywhere).
#pragma once
#include <cstdint>
#include <string>

#include "shopper_segments/event.hpp"

namespace seg::testing {

// A deterministic pseudo-random journey (no <random>: the same on every platform).
struct Lcg {
  std::uint64_t s;
  std::uint32_t next() {
    s = s * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::uint32_t>(s >> 33);
  }
};

inline Event random_event(Lcg& rng) {
  static const char* types[] = {"view_item", "view_item", "view_item", "view_item", "page_view", "page_view", "add_to_cart",
                                "remove_from_cart", "search", "view_item_list", "begin_checkout", "purchase", "coupon_attempt",
                                "view_size_guide", "view_return_policy", "chat_open", "engagement", "scroll", "add_to_wishlist"};
  static const char* tags[] = {"new", "sale", "launch", "basic"};
  static const char* categories[] = {"tops", "dresses", "shoes", "accessories", "coffee", "skincare", "razors", "shaving"};
  Event e{types[rng.next() % (sizeof types / sizeof *types)]};
  e.str("item_id", "sku" + std::to_string(rng.next() % 500));
  e.str("item_category", categories[rng.next() % 8]);
  e.str("tags", tags[rng.next() % 4]);
  e.str("page_type", "product");
  e.num("price", 5 + rng.next() % 200);
  e.num("value", 20 + rng.next() % 300);
  e.num("seconds", rng.next() % 120);
  return e;
}


}  // namespace seg::testing
