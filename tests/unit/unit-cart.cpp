// The cart (src/engine/cart.hpp): GA4's add, remove, purchase and view_cart, bounds and filters,
// and the offer placeholders that quote its numbers (src/engine/offer_numbers.hpp).
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "engine/cart.hpp"
#include "engine/offer_numbers.hpp"
#include "engine/text_number.hpp"

using namespace seg;

namespace {

Event add(const std::string& id, double price, double quantity = 1) {
  return Event{"add_to_cart"}.str("item_id", id).num("price", price).num("quantity", quantity);
}
Event remove(const std::string& id, double price, double quantity = 1) {
  return Event{"remove_from_cart"}.str("item_id", id).num("price", price).num("quantity", quantity);
}
double value(const Cart& c) { return c.measure(CartMeasure::Value, nullptr); }
double quantity(const Cart& c) { return c.measure(CartMeasure::Quantity, nullptr); }
double items(const Cart& c) { return c.measure(CartMeasure::Items, nullptr); }

std::vector<FieldMatcher> tagged(const std::string& tag) {
  FieldMatcher m;
  m.field = "tags";
  m.cmp.op = Comparison::Op::Eq;
  m.cmp.operand = Comparison::Operand::Text;
  m.cmp.text = tag;
  return {m};
}

}  // namespace

TEST_CASE("add, remove, add again: the cart holds one tee, not two") {
  Cart c;
  CHECK(c.apply(add("tee", 39)));
  CHECK(c.apply(remove("tee", 39)));
  CHECK(c.empty());
  c.apply(add("tee", 39));
  CHECK(value(c) == 39);
  CHECK(quantity(c) == 1);
  CHECK(items(c) == 1);
}

TEST_CASE("quantities add up per product, and a line keeps the latest price") {
  Cart c;
  c.apply(add("tee", 39, 2));
  c.apply(add("cap", 12.5));
  c.apply(add("tee", 35));
  CHECK(quantity(c) == 4);
  CHECK(items(c) == 2);
  CHECK(value(c) == 3 * 35 + 12.5);
  // Without a quantity GA4 means one; without a price the item is worth nothing to the cart.
  c.apply(Event{"add_to_cart"}.str("item_id", "sock"));
  CHECK(quantity(c) == 5);
  CHECK(value(c) == 3 * 35 + 12.5);
}

TEST_CASE("removing more than is there empties the line, never below zero") {
  Cart c;
  c.apply(add("tee", 39));
  c.apply(add("cap", 10));
  c.apply(remove("tee", 39, 3));
  CHECK(value(c) == 10);
  CHECK(quantity(c) == 1);
  c.apply(remove("shoe", 80));  // never added
  CHECK(value(c) == 10);
  c.apply(remove("cap", 10, 5));
  CHECK(c.empty());
  CHECK(value(c) == 0);
  CHECK(quantity(c) == 0);
}

TEST_CASE("purchase empties the cart; other events leave it alone") {
  Cart c;
  c.apply(add("tee", 39));
  CHECK_FALSE(c.apply(Event{"view_item"}.str("item_id", "tee").num("price", 39)));
  CHECK_FALSE(c.apply(Event{"page_view"}.str("page_type", "cart")));
  CHECK(value(c) == 39);
  CHECK(c.apply(Event{"purchase"}.num("value", 39)));
  CHECK(c.empty());
}

TEST_CASE("view_cart states the cart outright") {
  Cart c;
  c.apply(add("tee", 39));
  c.apply(add("cap", 10));
  SUBCASE("its items replace the lines, the i-th price and quantity with the i-th item") {
    c.apply(Event{"view_cart"}.str("item_id", "shoe").str("tags", "sale").str("item_id", "bag")
                .num("price", 80).num("quantity", 1).num("price", 20).num("quantity", 2).num("value", 120));
    CHECK(items(c) == 2);
    CHECK(quantity(c) == 3);
    CHECK(value(c) == 120);
    const auto sale = tagged("sale");
    CHECK(c.measure(CartMeasure::Items, &sale) == 1);  // the tag after shoe's item_id is shoe's
    CHECK(c.measure(CartMeasure::Value, &sale) == 80);
  }
  SUBCASE("a value different from its items (shipping) is the cart's value") {
    c.apply(Event{"view_cart"}.str("item_id", "tee").num("price", 39).num("value", 44.9));
    CHECK(value(c) == doctest::Approx(44.9));
    CHECK(quantity(c) == 1);
  }
  SUBCASE("a value without items keeps the lines and states the value") {
    c.apply(Event{"view_cart"}.num("value", 60));
    CHECK(items(c) == 2);
    CHECK(value(c) == 60);
  }
  SUBCASE("a value of 0 without items is an empty cart") {
    c.apply(Event{"view_cart"}.num("value", 0));
    CHECK(c.empty());
  }
  SUBCASE("neither items nor a value change nothing") {
    c.apply(Event{"view_cart"});
    CHECK(value(c) == 49);
  }
}

TEST_CASE("filters see each line's own fields, price and quantity") {
  Cart c;
  c.apply(add("tee", 39).str("tags", "sale"));
  c.apply(add("coat", 180).str("tags", "new"));
  const auto sale = tagged("sale");
  CHECK(c.measure(CartMeasure::Items, &sale) == 1);
  CHECK(c.measure(CartMeasure::Value, &sale) == 39);
  FieldMatcher dear;
  dear.field = "price";
  dear.cmp.op = Comparison::Op::Gte;
  dear.cmp.a = 100;
  const std::vector<FieldMatcher> expensive{dear};
  CHECK(c.measure(CartMeasure::Quantity, &expensive) == 1);
  FieldMatcher by_id;
  by_id.field = "item_id";
  by_id.cmp.op = Comparison::Op::Eq;
  by_id.cmp.operand = Comparison::Operand::Text;
  by_id.cmp.text = "coat";
  const std::vector<FieldMatcher> coat{by_id};
  CHECK(c.measure(CartMeasure::Value, &coat) == 180);
}

TEST_CASE("a full cart still counts what is added, and bad numbers are ignored") {
  Cart c;
  for (std::size_t i = 0; i < kMaxCartLines + 5; ++i) c.apply(add("sku" + std::to_string(i), 2));
  CHECK(c.lines.size() == kMaxCartLines);
  CHECK(items(c) == kMaxCartLines);
  CHECK(quantity(c) == kMaxCartLines + 5);
  CHECK(value(c) == 2 * (kMaxCartLines + 5));
  Cart d;
  d.apply(add("tee", -39));
  d.apply(add("cap", std::nan(""), 2));
  d.apply(add("sock", 5, -3));
  CHECK(value(d) == 0);
  CHECK(quantity(d) == 3);  // tee and cap; the negative quantity is no item
  for (int i = 0; i < 40; ++i) d.apply(add("tee", 1).str("f" + std::to_string(i), "x"));
  CHECK(d.lines[0].item.strings.size() <= kMaxCartLineFields + 1);  // item_id and 8 fields
}

TEST_CASE("placeholders: the known ones get the visitor's numbers, others are reported unknown") {
  Cart c;
  c.apply(add("tee", 39));
  const auto found = placeholders("Add {amount_left:50} for free shipping; {cart_quantity} item, {cart_value} in all.");
  REQUIRE(found.size() == 3);
  CHECK(found[0].token == "amount_left:50");
  CHECK(found[0].known);
  CHECK(placeholder_value(found[0], c) == 11);
  CHECK(placeholder_value(found[1], c) == 1);
  CHECK(placeholder_value(found[2], c) == 39);
  c.apply(add("cap", 20));
  CHECK(placeholder_value(found[0], c) == 0);  // past the threshold: nothing left, never negative
  const auto fixed = placeholders("from {amount:49.9}");
  REQUIRE(fixed.size() == 1);
  CHECK(fixed[0].known);
  CHECK(placeholder_value(fixed[0], c) == 49.9);
  for (const char* bad : {"{amount}", "{amount_left}", "{amount_left:x}", "{amount_left:-5}", "{cart_value:3}", "{cart_total}"}) {
    INFO(bad);
    const auto p = placeholders(bad);
    REQUIRE(p.size() == 1);
    CHECK_FALSE(p[0].known);
  }
  CHECK(placeholders("{ not one } {Upper} {} {a-b} {open").empty());
}
