// The visitor's cart as GA4's e-commerce events describe it: add_to_cart and remove_from_cart
// change it, purchase empties it, view_cart states it outright (docs/RULES.md, "The cart").
// Rules ask for its value, its quantity or its lines; the page may quote the numbers in an offer.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "program.hpp"
#include "shopper_segments/event.hpp"

namespace seg {

// A cart keeps at most this many different products (lines). An item added to a full cart still
// counts in the cart's value and quantity, but no filter on lines sees it.
constexpr std::size_t kMaxCartLines = 32;
// Besides item_id, a line keeps at most this many of its event's text fields (tags,
// item_category, ...) for `where` filters.
constexpr std::size_t kMaxCartLineFields = 8;

// One product in the cart, kept as an item event so that `where` filters match it as they match
// events: strings[0] is its item_id ("" for an item sent without one), then up to
// kMaxCartLineFields of its text fields; numbers are exactly [price of one unit, quantity].
struct CartLine {
  Event item;
  CartLine(std::string id, double price, double quantity);
  const std::string& item_id() const { return item.strings[0].second; }
  double price() const { return item.numbers[0].second; }
  double quantity() const { return item.numbers[1].second; }
  double& price() { return item.numbers[0].second; }
  double& quantity() { return item.numbers[1].second; }
};

enum class CartMeasure { Value, Quantity, Items };
// "value", "quantity", "items"; false for anything else.
bool parse_cart_measure(const std::string& name, CartMeasure& out);

struct Cart {
  std::vector<CartLine> lines;  // in order of first adding
  // What the lines do not explain: items added to a full cart, or a view_cart's value that
  // differs from its lines (shipping, discounts, or no items listed).
  double extra_value = 0;
  double extra_quantity = 0;

  // Applies one event; other event types change nothing. True when it was a cart event.
  bool apply(const Event& event);
  // Value (never below 0), quantity (units) or items (lines), of the lines that pass `where`;
  // without a filter, value and quantity include the extras.
  double measure(CartMeasure measure, const std::vector<FieldMatcher>* where) const;
  bool empty() const { return lines.empty() && extra_value == 0 && extra_quantity == 0; }
  void clear() { *this = Cart(); }

 private:
  double lines_value() const;
};

}  // namespace seg
