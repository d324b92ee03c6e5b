// Placeholders for the visitor's own numbers in an offer's text: "{cart_value}",
// "{cart_quantity}", "{amount_left:50}" (what is left to reach 50), and "{amount:50}" (a fixed
// amount, so that it too is written in the shop's currency). The engine gives the numbers
// (Engine::offer_numbers) and the page formats them in its locale and the shop's currency, so the
// text of a program stays the same for every visitor.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "cart.hpp"

namespace seg {

struct Placeholder {
  std::string token;  // as written, without the braces: "amount_left:50"
  std::string name;   // "amount_left"
  double argument = 0;
  bool has_argument = false;
  bool known = false;  // a name this engine fills, with the argument it needs (and no other)
};

// Every "{...}" of the text whose inside is a name of a-z and _ (and an optional ":number");
// other braces are plain text.
std::vector<Placeholder> placeholders(std::string_view text);

// The number a known placeholder stands for, for this cart.
double placeholder_value(const Placeholder& p, const Cart& cart);

// The known placeholders an offer's title, body and call to action quote, each token once, in the
// order they first appear: the order of the numbers Engine::offer_numbers gives the page.
std::vector<Placeholder> quoted_numbers(const OfferContent& content);

}  // namespace seg
