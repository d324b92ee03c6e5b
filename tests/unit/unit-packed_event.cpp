#include <doctest/doctest.h>

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
