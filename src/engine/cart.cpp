#include "cart.hpp"

#include <algorithm>
#include <cmath>

namespace seg {
namespace {

// A price or a quantity: finite and not negative, else 0 (bad input is ignored, never stored).
double amount(double v) { return std::isfinite(v) && v > 0 ? v : 0; }

// The lines an event names. GA4 sends one item per add or remove as a rule; an event with several
// items (a view_cart) carries every item's item_id, and the i-th `price` and `quantity` belong to
// the i-th item (web/src/pack.mjs writes them so). An item's text fields are the ones after its
// item_id, up to the next one; an event with one item (or none) gives the item all its fields.
std::vector<CartLine> lines_of(const Event& e) {
  std::vector<double> prices, quantities;
  for (const auto& [key, value] : e.numbers) {
    if (key == "price") prices.push_back(amount(value));
    else if (key == "quantity") quantities.push_back(amount(value));
  }
  std::vector<CartLine> lines;
  const bool several = std::count_if(e.strings.begin(), e.strings.end(), [](const auto& kv) { return kv.first == "item_id"; }) > 1;
  if (!several) lines.emplace_back("", 0, 1);
  for (const auto& [key, value] : e.strings) {
    if (key == "item_id" && several) {
      if (lines.size() == kMaxCartLines) break;
      lines.emplace_back(value, 0, 1);
    } else if (key == "item_id") {
      lines[0].item.strings[0].second = value;
    } else if (!lines.empty() && lines.back().item.strings.size() <= kMaxCartLineFields) {
      lines.back().item.strings.emplace_back(key, value);
    }
  }
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i < prices.size()) lines[i].price() = prices[i];
    // GA4: quantity defaults to 1. A fractional quantity (weighed goods) is kept as it is.
    if (i < quantities.size()) lines[i].quantity() = quantities[i];
  }
  return lines;
}

const double* number_of(const Event& e, const char* key) {
  for (const auto& kv : e.numbers)
    if (kv.first == key) return &kv.second;
  return nullptr;
}

CartLine* find_line(std::vector<CartLine>& lines, const std::string& id) {
  for (auto& line : lines)
    if (line.item_id() == id) return &line;
  return nullptr;
}

}  // namespace

CartLine::CartLine(std::string id, double price, double quantity) {
  item.strings.emplace_back("item_id", std::move(id));
  item.numbers = {{"price", price}, {"quantity", quantity}};
}

bool parse_cart_measure(const std::string& name, CartMeasure& out) {
  if (name == "value") out = CartMeasure::Value;
  else if (name == "quantity") out = CartMeasure::Quantity;
  else if (name == "items") out = CartMeasure::Items;
  else return false;
  return true;
}

// Not inlined into Engine::track, which is built for speed: the cart is cold and built for size.
__attribute__((noinline)) bool Cart::apply(const Event& e) {
  const bool add = e.type == "add_to_cart", remove = e.type == "remove_from_cart", view = e.type == "view_cart";
  if (!add && !remove && !view) {
    if (e.type != "purchase") return false;
    clear();
    return true;
  }
  const double* value = view ? number_of(e, "value") : nullptr;
  const bool listed = std::any_of(e.strings.begin(), e.strings.end(), [](const auto& kv) { return kv.first == "item_id"; }) ||
                      number_of(e, "price") || number_of(e, "quantity");
  if (view && !listed) {
    // No items: a value states the cart's worth (0: an empty cart); nothing at all changes nothing.
    if (value && amount(*value) == 0) clear();
    else if (value) extra_value = amount(*value) - lines_value();
    return true;
  }
  const bool had_lines = !lines.empty();
  if (view) clear();
  for (CartLine& change : lines_of(e)) {
    const double q = change.quantity();
    CartLine* line = find_line(lines, change.item_id());
    if (remove) {
      // Never more than is there: removing 3 of a line of 1 empties the line.
      if (line) line->quantity() -= std::min(q, line->quantity());
      else {
        extra_value = std::max(0.0, extra_value - q * change.price());
        extra_quantity = std::max(0.0, extra_quantity - q);
      }
    } else if (q <= 0) {
      continue;
    } else if (line) {
      line->quantity() += q;
      if (change.price() > 0) line->price() = change.price();  // the latest price
      if (change.item.strings.size() > 1) line->item.strings = std::move(change.item.strings);
    } else if (lines.size() < kMaxCartLines) {
      lines.push_back(std::move(change));
    } else {
      extra_value += q * change.price();
      extra_quantity += q;
    }
  }
  lines.erase(std::remove_if(lines.begin(), lines.end(), [](const CartLine& l) { return l.quantity() <= 0; }), lines.end());
  // The last line gone and nothing beyond the lines: the cart is empty, whatever view_cart said.
  if (remove && had_lines && lines.empty() && extra_quantity <= 0) clear();
  if (value) extra_value = amount(*value) - lines_value();
  return true;
}

double Cart::lines_value() const {
  double sum = 0;
  for (const CartLine& line : lines) sum += line.quantity() * line.price();
  return sum;
}

double Cart::measure(CartMeasure m, const std::vector<FieldMatcher>* where) const {
  const bool all = !where || where->empty();
  double value = all ? extra_value : 0, quantity = all ? extra_quantity : 0, items = 0;
  for (const CartLine& line : lines) {
    if (!all && !matches(*where, line.item)) continue;
    value += line.quantity() * line.price();
    quantity += line.quantity();
    items += 1;
  }
  return std::max(0.0, m == CartMeasure::Value ? value : m == CartMeasure::Quantity ? quantity : items);
}

}  // namespace seg
