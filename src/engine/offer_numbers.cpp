#include "offer_numbers.hpp"

#include <algorithm>

#include "text_number.hpp"

namespace seg {

std::vector<Placeholder> placeholders(std::string_view text) {
  std::vector<Placeholder> out;
  for (std::size_t open = text.find('{'); open != std::string_view::npos; open = text.find('{', open + 1)) {
    const std::size_t close = text.find('}', open);
    if (close == std::string_view::npos) break;
    const std::string_view inside = text.substr(open + 1, close - open - 1);
    const std::size_t colon = inside.find(':');
    const std::string_view name = inside.substr(0, colon);
    if (name.empty() || !std::all_of(name.begin(), name.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; })) continue;
    Placeholder p;
    p.token = std::string(inside);
    p.name = std::string(name);
    if (colon != std::string_view::npos) p.has_argument = parse_number(inside.substr(colon + 1), p.argument) && p.argument >= 0;
    const bool cart_number = p.name == "cart_value" || p.name == "cart_quantity";
    p.known = cart_number ? colon == std::string_view::npos : (p.name == "amount_left" || p.name == "amount") && p.has_argument;
    out.push_back(std::move(p));
  }
  return out;
}

std::vector<Placeholder> quoted_numbers(const OfferContent& content) {
  std::vector<Placeholder> out;
  for (const std::string* text : {&content.title, &content.body, &content.cta})
    for (Placeholder& p : placeholders(*text))
      if (p.known && std::none_of(out.begin(), out.end(), [&](const Placeholder& q) { return q.token == p.token; }))
        out.push_back(std::move(p));
  return out;
}

double placeholder_value(const Placeholder& p, const Cart& cart) {
  const double value = cart.measure(CartMeasure::Value, nullptr);
  if (p.name == "cart_quantity") return cart.measure(CartMeasure::Quantity, nullptr);
  if (p.name == "amount_left") return std::max(0.0, p.argument - value);
  if (p.name == "amount") return p.argument;
  return value;
}

}  // namespace seg
