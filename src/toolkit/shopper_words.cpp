// Shopper sentences (see shopper_words.hpp). Each event type the language knows has its own
// phrase ("placed" "an order" / "orders"); an event type it does not know is said through its name
// as words ("You did wishlist share 2 times"). Values are the visitor's own (counts, days, totals);
// what the rule needed is never said: that is the owner's business, not the shopper's.
#include "shopper_words.hpp"

#include <cmath>
#include <string_view>
#include <vector>

#include "engine/text_number.hpp"
#include "engine/time_units.hpp"

namespace seg {
namespace {

// How a shopper's action reads: "You <verb> <a thing | N things><filter><tail><window>".
struct Action {
  std::string_view type;
  std::string_view verb;  // simple past: "looked at"
  std::string_view done;  // past participle for "You have not ...": "looked at"
  std::string_view article;
  std::string_view one;   // "product"
  std::string_view many;  // "products"
  std::string_view tail;  // " in your cart"
};

constexpr Action kActions[] = {
    {"view_item", "looked at", "looked at", "a", "product", "products", ""},
    {"view_item_list", "browsed", "browsed", "a", "product list", "product lists", ""},
    {"select_item", "picked", "picked", "a", "product from a list", "products from lists", ""},
    {"add_to_cart", "put", "put", "an", "item", "items", " in your cart"},
    {"remove_from_cart", "took", "taken", "an", "item", "items", " out of your cart"},
    {"add_to_wishlist", "saved", "saved", "an", "item", "items", " to your wishlist"},
    {"view_cart", "opened", "opened", "your", "cart", "carts", ""},
    {"begin_checkout", "started", "started", "a", "checkout", "checkouts", ""},
    {"add_shipping_info", "entered", "entered", "your", "shipping details", "shipping details", ""},
    {"add_payment_info", "entered", "entered", "your", "payment details", "payment details", ""},
    {"purchase", "placed", "placed", "an", "order", "orders", ""},
    {"refund", "received", "received", "a", "refund", "refunds", ""},
    {"view_promotion", "saw", "seen", "an", "offer", "offers", ""},
    {"select_promotion", "opened", "opened", "an", "offer", "offers", ""},
    {"search", "ran", "run", "a", "search", "searches", ""},
    {"sign_up", "created", "created", "an", "account", "accounts", ""},
    {"login", "signed in", "signed in", "", "once", "times", ""},
    {"page_view", "opened", "opened", "a", "page", "pages", ""},
    {"session_start", "made", "made", "a", "visit", "visits", ""},
    {"scroll", "scrolled down", "scrolled down", "", "once", "times", ""},
    {"engagement", "spent time on", "spent time on", "a", "page", "pages", ""},
    {"exit_intent", "started to leave", "started to leave", "a", "page", "pages", ""},
    {"coupon_attempt", "tried", "tried", "a", "coupon code", "coupon codes", ""},
    {"chat_open", "opened", "opened", "the", "chat", "chats", ""},
    {"view_size_guide", "opened", "opened", "the", "size guide", "size guides", ""},
    {"view_return_policy", "read", "read", "the", "return policy", "return policies", ""},
    {"newsletter_signup", "signed up for", "signed up for", "the", "newsletter", "newsletters", ""},
    {"nps", "answered", "answered", "a", "survey", "surveys", ""},
};

// An action the table does not know: its name as words, counted in times.
struct Phrase {
  std::string verb, done, article, one, many, tail;
};

Phrase phrase_of(const std::string& type) {
  for (const auto& a : kActions) {
    if (a.type == type) {
      return {std::string(a.verb), std::string(a.done), std::string(a.article), std::string(a.one), std::string(a.many), std::string(a.tail)};
    }
  }
  const std::string words = shopper_key_words(type);
  return {"did " + words, "done " + words, "", "once", "times", ""};
}

// Sort orders as shops name them ("price_asc") read as what the shopper chose.
std::string value_words(const std::string& value) {
  if (value == "price_asc" || value == "price_low") return "lowest price";
  if (value == "price_desc" || value == "price_high") return "highest price";
  return shopper_key_words(value);
}

std::string list_words(const std::vector<std::string>& values) {
  std::string out;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i) out += i + 1 == values.size() ? " or " : ", ";
    out += value_words(values[i]);
  }
  return out;
}

std::string number_words(double value) { return format_number(std::round(value * 100) / 100); }

// What a comparison of a `where` field asks, in words: "new", "shoes or dresses", "at least 120".
std::string matcher_words(const Comparison& c) {
  using Op = Comparison::Op;
  if (c.op == Op::In) {
    if (!c.texts.empty()) return list_words(c.texts);
    std::vector<std::string> numbers;
    for (double n : c.numbers) numbers.push_back(number_words(n));
    return list_words(numbers);
  }
  const std::string x = c.operand == Comparison::Operand::Text ? value_words(c.text)
                        : c.operand == Comparison::Operand::Bool ? (c.flag ? "yes" : "no")
                                                                 : number_words(c.a);
  switch (c.op) {
    case Op::Gte: return "at least " + x;
    case Op::Gt: return "more than " + x;
    case Op::Lte: return "at most " + x;
    case Op::Lt: return "less than " + x;
    case Op::Ne: return "other than " + x;
    case Op::Between: return "between " + number_words(c.a) + " and " + number_words(c.b);
    case Op::StartsWith: return "starting with " + x;
    case Op::Contains: return "containing " + x;
    default: return x;
  }
}

// " tagged new", " in shoes or dresses", " with a coupon", " for at least 120 seconds".
std::string filter_words(const std::vector<FieldMatcher>& where) {
  std::string out;
  for (const auto& m : where) {
    const std::string what = matcher_words(m.cmp);
    if (m.cmp.op == Comparison::Op::Exists) {
      out += (m.cmp.flag ? " with a " : " without a ") + shopper_key_words(m.field);
    } else if (m.field == "tags") {
      out += " tagged " + what;
    } else if (m.field == "item_category" || m.field == "category") {
      out += " in " + what;
    } else if (m.field == "page_type") {
      out += " in the " + what + " section";
    } else if (m.field == "seconds") {
      out += " for " + what + " seconds";
    } else if (m.field == "item_brand" || m.field == "brand") {
      out += " by " + what;
    } else if (m.field == "sort" || m.field == "sort_by" || m.field == "order_by") {
      out += " sorted by " + what;
    } else if (m.cmp.operand == Comparison::Operand::Number) {
      out += " with a " + shopper_key_words(m.field) + " of " + what;  // "with a score of at least 9"
    } else {
      out += " with " + shopper_key_words(m.field) + " " + what;
    }
  }
  return out;
}

// " in the last 7 days", " in this visit", "" (ever), " in the 90 days before that".
std::string window_words(const Window& w) {
  switch (w.kind) {
    case Window::Kind::Session: return " in this visit";
    case Window::Kind::Lifetime:
      return w.ago > 0 ? " until " + shopper_duration_words(w.ago) + " ago" : "";
    case Window::Kind::Span: {
      if (w.ago > 0) return " between " + shopper_duration_words(w.span + w.ago) + " and " + shopper_duration_words(w.ago) + " ago";
      const std::string span = shopper_duration_words(w.span);
      return " in the last " + (span.rfind("1 ", 0) == 0 ? span.substr(2) : span);
    }
  }
  return "";
}

std::string counted(const Phrase& p, double n, std::string_view extra = "") {
  if (p.one == "once") return n == 1 ? "once" : number_words(n) + " times";
  if (n == 1) return (p.article.empty() ? "" : p.article + " ") + std::string(extra) + p.one;
  return number_words(n) + " " + std::string(extra) + p.many;
}

// "You placed 2 orders in shoes in the last 30 days", "You have not placed an order yet".
std::string count_sentence(const Phrase& p, const std::vector<FieldMatcher>& where, const Window& w, const NodeOutcome& o) {
  const double n = o.has_value ? o.value : 0;
  if (n <= 0) {
    const std::string thing = p.one == "once" ? "" : " " + counted(p, 1);
    return "You have not " + p.done + thing + filter_words(where) + p.tail + window_words(w) +
           (w.kind == Window::Kind::Lifetime && w.ago == 0 ? " yet" : "");
  }
  if (p.one == "once") return "You " + p.verb + filter_words(where) + p.tail + " " + counted(p, n) + window_words(w);
  return "You " + p.verb + " " + counted(p, n) + filter_words(where) + p.tail + window_words(w);
}

const SeriesSpec* series_of(const Program& p, const Node& n) {
  if (n.feature < 0 || static_cast<std::size_t>(n.feature) >= p.series.size()) return nullptr;
  return &p.series[static_cast<std::size_t>(n.feature)];
}

const ValueSetSpec* value_set_of(const Program& p, const Node& n) {
  if (n.feature < 0 || static_cast<std::size_t>(n.feature) >= p.value_sets.size()) return nullptr;
  return &p.value_sets[static_cast<std::size_t>(n.feature)];
}

// The thing counted, in the plural, with its filter: "orders in coffee", "products tagged new".
std::string things(const Phrase& p, const std::vector<FieldMatcher>& where) {
  return (p.one == "once" ? "visits" : p.many) + filter_words(where) + p.tail;
}

std::string value_text(const Value& v) {
  switch (v.kind) {
    case Value::Kind::Number: return number_words(v.number);
    case Value::Kind::String: return value_words(v.string);
    case Value::Kind::Bool: return v.boolean ? "yes" : "no";
    case Value::Kind::List: return list_words(v.list);
    case Value::Kind::None: break;
  }
  return "";
}

// What the shop told this page about the shopper's account.
std::string trait_sentence(const std::string& name, const Value* v) {
  const bool set = v != nullptr && v->is_set();
  const bool number = set && v->kind == Value::Kind::Number;
  if (name == "customer_orders") {
    if (!set) return "The shop has no order count for your account";
    if (!number || v->number <= 0) return "Your account shows no orders yet";
    return v->number == 1 ? "Your account shows 1 order" : "Your account shows " + number_words(v->number) + " orders";
  }
  if (name == "lifetime_value") return number ? "Your account shows " + number_words(v->number) + " spent with the shop"
                                             : "The shop has no total of your spending";
  if (name == "loyalty_tier") return set ? "Your account is in the " + value_text(*v) + " tier of the rewards programme"
                                        : "Your account is not in the rewards programme";
  if (name == "newsletter" && !set) return "The shop does not know of a newsletter sign-up for your account";
  if (name == "newsletter") {
    const bool yes = v->kind == Value::Kind::Bool ? v->boolean : true;
    return yes ? "Your account is signed up for the newsletter" : "Your account is not signed up for the newsletter";
  }
  if (name == "nps") return number ? "You rated the shop " + number_words(v->number) + " out of 10" : "You have not rated the shop";
  const std::string words = shopper_key_words(name);
  if (!set) return "Your account shows no " + words;
  return "Your account shows " + words + " " + value_text(*v);
}

// What the browser says about this visit.
std::string context_sentence(const std::string& name, const Value* v) {
  const bool set = v != nullptr && v->is_set();
  if (name == "timezone") return set ? "Your device's time zone is " + value_text(*v) : "Your device does not say its time zone";
  if (name == "country") return set ? "Your browser's region is " + value_text(*v) : "Your browser does not say its region";
  if (name == "language") return set ? "Your browser's language is " + value_text(*v) : "Your browser does not say its language";
  const std::string words = shopper_key_words(name);
  return set ? "This visit's " + words + " is " + value_text(*v) : "This visit has no " + words;
}

}  // namespace

std::string shopper_key_words(const std::string& key) {
  std::string out;
  for (char c : key) out += (c == '_' || c == '=' || c == '<' || c == '>') ? ' ' : c;
  const auto first = out.find_first_not_of(' ');
  if (first == std::string::npos) return "something";
  const auto last = out.find_last_not_of(' ');
  return out.substr(first, last - first + 1);
}

std::string shopper_duration_words(Millis ms) {
  if (ms < 0) ms = 0;
  struct Unit {
    Millis ms;
    const char *one, *many;
  };
  constexpr Unit units[] = {{kDay, "day", "days"}, {kHour, "hour", "hours"}, {kMinute, "minute", "minutes"}, {kSecond, "second", "seconds"}};
  for (const auto& u : units) {
    if (ms >= 2 * u.ms || (u.ms == kSecond) || ms == u.ms) {
      const Millis n = (ms + u.ms / 2) / u.ms;
      return integer_text(n) + " " + (n == 1 ? u.one : u.many);
    }
  }
  return "0 seconds";
}

std::string shopper_sentence(const Program& p, const Visitor& v, const Node& n, const NodeOutcome& o) {
  switch (n.kind) {
    case NodeKind::All: case NodeKind::Any: case NodeKind::Not: return "";
    case NodeKind::Trait: case NodeKind::Context: {
      const auto& map = n.kind == NodeKind::Trait ? v.traits : v.context;
      auto it = map.find(n.name);
      const Value* value = it == map.end() ? nullptr : &it->second;
      return n.kind == NodeKind::Trait ? trait_sentence(n.name, value) : context_sentence(n.name, value);
    }
    case NodeKind::SegmentRef: {
      // Outside the group (a condition that counts through a "not"): the owner's sentence says
      // what members did, so it would tell this shopper the opposite of the truth.
      if (!o.held) return "Your visits do not match one of the groups of shoppers this shop has";
      if (n.segment >= 0 && static_cast<std::size_t>(n.segment) < p.segments.size()) {
        const std::string& why = p.segments[static_cast<std::size_t>(n.segment)].why;
        if (!why.empty()) return why;
      }
      return "Your visits match another group of shoppers this shop has";
    }
    case NodeKind::Cart: {
      // The cart as it is now: its value (in the shop's currency when set), units, or items.
      const std::vector<FieldMatcher>* where =
          n.feature >= 0 && static_cast<std::size_t>(n.feature) < p.cart_filters.size() ? &p.cart_filters[static_cast<std::size_t>(n.feature)] : nullptr;
      const std::string filter = where ? filter_words(*where) : "";
      const double value = o.has_value ? o.value : 0;
      if (value <= 0) return filter.empty() ? "Your cart is empty" : "You have no items" + filter + " in your cart";
      if (n.name == "value") {
        return "Your cart" + (filter.empty() ? std::string() : " holds items" + filter + " that") + " come" + (filter.empty() ? "s" : "") +
               " to " + number_words(value) + (p.settings.currency.empty() ? "" : " " + p.settings.currency);
      }
      return "You have " + (value == 1 ? std::string("1 item") : number_words(value) + " items") + filter + " in your cart";
    }
    case NodeKind::Sequence: {
      std::string steps;
      for (std::size_t i = 0; i < n.steps.size(); ++i) {
        const int step = n.steps[i];
        if (step < 0 || static_cast<std::size_t>(step) >= p.steps.size()) continue;
        const StepSpec& spec = p.steps[static_cast<std::size_t>(step)];
        const Phrase ph = phrase_of(spec.type);
        std::string part = ph.verb + (ph.one == "once" ? "" : " " + counted(ph, 1)) + filter_words(spec.where) + ph.tail;
        steps += (i == 0 ? "" : i + 1 == n.steps.size() ? ", and then " : ", then ") + part;
      }
      const std::string window = window_words(n.window);
      if (o.held) return "You " + steps + window;
      return "Not all of these happened" + window + ": you " + steps;
    }
    default: break;
  }
  if (n.kind == NodeKind::CountPer || n.kind == NodeKind::Distinct) {
    const ValueSetSpec* s = value_set_of(p, n);
    if (s == nullptr) return "";
    const Phrase ph = phrase_of(s->type);
    const double value = o.has_value ? o.value : 0;
    const bool items = s->field == "item_id" || s->field == "item_name";
    if (n.kind == NodeKind::CountPer) {
      const std::string same = items && ph.one != "once" ? ph.one : shopper_key_words(s->field);
      if (value <= 0) return "You have not " + ph.done + " the same " + same + " more than once" + window_words(n.window);
      return "You " + ph.verb + " the same " + same + filter_words(s->where) + ph.tail + " " +
             (value == 1 ? std::string("once") : number_words(value) + " times") + window_words(n.window);
    }
    const std::string kinds = items ? ph.many : shopper_key_words(s->field) + " values of " + ph.many;
    if (items && s->type == "purchase" && value > 0)  // different products bought, not "different orders"
      return "You bought " + number_words(value) + " different products" + filter_words(s->where) + window_words(n.window);
    if (value <= 0) {
      const std::string thing = ph.one == "once" ? "" : " " + counted(ph, 1);
      return "You have not " + ph.done + thing + filter_words(s->where) + ph.tail + window_words(n.window);
    }
    return "You " + ph.verb + " " + number_words(value) + " different " + kinds + filter_words(s->where) + ph.tail + window_words(n.window);
  }
  const SeriesSpec* s = series_of(p, n);
  if (s == nullptr) return "";
  const Phrase ph = phrase_of(s->type);
  const std::string window = window_words(n.window);
  switch (n.kind) {
    case NodeKind::Count: return count_sentence(ph, s->where, n.window, o);
    case NodeKind::Sum: case NodeKind::Avg: {
      const std::string what = (n.kind == NodeKind::Sum ? "The total " : "The average ") + shopper_key_words(s->sum_field) +
                               " of your " + things(ph, s->where) + window;
      if (!o.has_value || (n.kind == NodeKind::Avg && o.value == 0)) return "You have no " + things(ph, s->where) + window + (window.empty() ? " yet" : "");
      return what + " is " + number_words(o.value);
    }
    case NodeKind::Share: {
      if (!o.has_value) return "You have not " + ph.done + " " + counted(ph, 1) + window + (window.empty() ? " yet" : "");
      const std::string pct = format_number(std::round(o.value * 1000) / 10);
      return pct + "% of the " + (ph.one == "once" ? "visits" : ph.many) + " you " + ph.verb + window + " were" + filter_words(s->where);
    }
    case NodeKind::Trend: {
      const std::string measure = s->sum_field.empty() ? "number of " + things(ph, s->where)
                                                       : "total " + shopper_key_words(s->sum_field) + " of your " + things(ph, s->where);
      const std::string before = " compared with the " + shopper_duration_words(n.window.span) + " before";
      if (!o.has_value) return "You had no " + things(ph, s->where) + " in the " + shopper_duration_words(n.window.span) + " before the last " + shopper_duration_words(n.window.span);
      const double pct = std::round(std::fabs(o.value) * 1000) / 10;
      if (pct == 0) return "The " + measure + window + " stayed the same" + before;
      return "The " + measure + window + (o.value < 0 ? " went down by " : " went up by ") + format_number(pct) + "%" + before;
    }
    case NodeKind::Since: {
      const std::string thing = ph.one == "once" ? "" : " " + counted(ph, 1);
      if (!o.has_value) return "You have never " + ph.done + thing + filter_words(s->where) + ph.tail;
      return "You last " + ph.verb + thing + filter_words(s->where) + ph.tail + " " + shopper_duration_words(static_cast<Millis>(o.value)) + " ago";
    }
    default: break;
  }
  return "";
}

}  // namespace seg
