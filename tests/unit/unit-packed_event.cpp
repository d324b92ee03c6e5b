#include <doctest/doctest.h>

#include <cstdint>
#include <string>

#include "engine/packed_event.hpp"

using namespace seg;

TEST_CASE("packed fields decode strings, numbers and repeated keys") {
  const std::string packed = std::string("item_id\x1fsku1\x1e#price\x1f") + "19.9\x1etags\x1fnew\x1etags\x1fsale";
  Event e = decode_packed_event("view_item", packed);
  CHECK(e.type == "view_item");
  REQUIRE(e.strings.size() == 3);
  CHECK(e.strings[0] == std::make_pair(std::string("item_id"), std::string("sku1")));
  CHECK(e.strings[2].second == "sale");
  REQUIRE(e.numbers.size() == 1);
  CHECK(e.numbers[0].first == "price");
  CHECK(e.numbers[0].second == doctest::Approx(19.9));
}

TEST_CASE("malformed records are skipped, never fatal") {
  const std::string packed = std::string("novalue\x1e\x1f") + "empty-key\x1e#price\x1fNaN\x1e#\x1f" + "3\x1eok\x1fyes";
  Event e = decode_packed_event("x", packed);
  REQUIRE(e.strings.size() == 1);
  CHECK(e.strings[0].first == "ok");
  CHECK(e.numbers.empty());
}

TEST_CASE("fields and strings are bounded") {
  std::string packed;
  for (int i = 0; i < 500; ++i) packed += "k\x1f" + std::string(1000, 'v') + "\x1e";
  Event e = decode_packed_event(std::string(1000, 't'), packed);
  CHECK(e.strings.size() == kMaxEventFields);
  CHECK(e.strings[0].second.size() == kMaxStringBytes);
  CHECK(e.type.size() == kMaxStringBytes);
}

TEST_CASE("decoding into a used event gives exactly the new event (the hot path reuses one)") {
  // Random packed events decoded one after another into one Event must equal each decoded alone:
  // nothing of a longer earlier event (fields, their text) may remain.
  std::uint64_t state = 12345;
  auto next = [&](std::uint64_t n) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (state >> 33) % n;
  };
  const char* keys[] = {"item_id", "item_category_with_a_long_name", "tags", "#price", "#value", "#bad", "", "search_term"};
  const char* values[] = {"sku1", "a value longer than any short-string buffer holds", "new", "19.9", "NaN", "", "-3"};
  Event reused;
  for (int round = 0; round < 500; ++round) {
    std::string packed;
    const std::uint64_t fields = next(kMaxEventFields + 8);
    for (std::uint64_t f = 0; f < fields; ++f) {
      if (f > 0) packed += '\x1e';
      packed += keys[next(8)];
      if (next(10) > 0) packed += '\x1f';
      packed += values[next(7)];
    }
    const std::string type = round % 3 == 0 ? "view_item" : "a";
    decode_packed_event(type, packed, reused);
    const Event alone = decode_packed_event(type, packed);
    CHECK(reused.type == alone.type);
    CHECK(reused.strings == alone.strings);
    CHECK(reused.numbers == alone.numbers);
  }
}
