// The language descriptor: the grammar's lists with their words (see language.hpp). The lists come
// from grammar.cpp and time_units.hpp; only the words, and the shop's usual events, fields, traits
// and context keys (which the grammar leaves open), are written here.
#include "shopper_segments/language.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <vector>

#include "engine/time_units.hpp"
#include "grammar.hpp"

namespace seg {
namespace {

using OrderedJson = nlohmann::ordered_json;

struct Words {
  std::string_view key;
  std::string_view label;
};

template <std::size_t N>
std::string_view label_in(const std::array<Words, N>& table, std::string_view key) {
  for (const auto& w : table)
    if (w.key == key) return w.label;
  return {};
}

constexpr std::array<Words, 15> kFormLabels = {{
    {"all", "ALL of these hold"},
    {"any", "ANY of these holds"},
    {"not", "NOT: this does not hold"},
    {"count", "how many times"},
    {"distinct", "how many different values of a field"},
    {"sum", "total of a number field"},
    {"avg", "average of a number field"},
    {"share", "share of events matching the filter"},
    {"trend", "change against the window before"},
    {"since", "time since it last happened"},
    {"sequence", "these events in this order"},
    {"cart", "what is in the cart now"},
    {"trait", "a trait the shop sets (orders, tier, ...)"},
    {"context", "browser context (time zone, locale, ...)"},
    {"segment", "is in another segment"},
}};

// Noun phrases: "the cart's value is less than 50".
constexpr std::array<Words, 3> kCartMeasureLabels = {{
    {"value", "value of the cart"},
    {"quantity", "number of items in the cart"},
    {"items", "number of different products in the cart"},
}};

constexpr std::array<Words, 11> kComparisonLabels = {{
    {"gte", "at least"},
    {"gt", "more than"},
    {"lte", "at most"},
    {"lt", "less than"},
    {"eq", "equal to"},
    {"ne", "not equal to"},
    {"between", "between"},
    {"in", "one of"},
    {"startsWith", "starts with"},
    {"contains", "contains"},
    {"exists", "is set / not set"},
}};

struct UnitWords {
  char suffix;
  std::string_view one, many;
};
constexpr std::array<UnitWords, 5> kUnitWords = {{
    {'s', "second", "seconds"}, {'m', "minute", "minutes"}, {'h', "hour", "hours"}, {'d', "day", "days"}, {'w', "week", "weeks"},
}};

constexpr std::array<Words, 7> kWeekdayLabels = {{
    {"mon", "Monday"}, {"tue", "Tuesday"}, {"wed", "Wednesday"}, {"thu", "Thursday"},
    {"fri", "Friday"}, {"sat", "Saturday"}, {"sun", "Sunday"},
}};

// GA4's e-commerce events and the shop events the catalogue uses (docs/CATALOG.md), as past-tense
// phrases so that rule words read "viewed an item at least 3 times".
struct EventWords {
  std::string_view key, label;
  std::vector<std::string_view> fields;
};

const std::vector<EventWords>& events() {
  static const std::vector<std::string_view> item = {"tags", "item_category", "item_brand", "item_id", "price", "quantity"};
  static const std::vector<EventWords> list = {
      {"view_item", "viewed an item", item},
      {"add_to_cart", "added to cart", item},
      {"remove_from_cart", "removed from cart", item},
      {"add_to_wishlist", "added to wishlist", item},
      {"view_cart", "viewed the cart", {"value", "currency", "item_id", "price", "quantity"}},
      {"purchase", "bought", {"value", "currency", "coupon", "item_category", "item_id", "item_brand"}},
      {"begin_checkout", "began checkout", {"value", "currency"}},
      {"page_view", "viewed a page", {"page_type"}},
      {"view_item_list", "viewed a list", {"item_list_id", "sort"}},
      {"search", "searched", {"search_term"}},
      {"coupon_attempt", "tried a coupon", {"coupon"}},
      {"newsletter_signup", "signed up to the newsletter", {}},
      {"chat_open", "opened the chat", {}},
      {"view_size_guide", "viewed the size guide", {}},
      {"view_return_policy", "viewed the return policy", {}},
      {"nps", "answered the NPS survey", {"score"}},
      {"session_start", "started a session", {}},  // added by the engine itself
      {"scroll", "scrolled", {"percent"}},
      {"engagement", "engaged", {"seconds"}},
      {"exit_intent", "showed exit intent", {}},
  };
  return list;
}

constexpr std::array<std::string_view, 6> kNumericFields = {"price", "quantity", "value", "score", "percent", "seconds"};

// Noun phrases, so that rule words read "the number of orders is at least 1".
constexpr std::array<Words, 6> kTraitLabels = {{
    {"customer_orders", "number of orders"},
    {"lifetime_value", "lifetime value"},
    {"loyalty_tier", "loyalty tier"},
    {"country", "country"},
    {"newsletter", "newsletter subscription"},
    {"nps", "NPS score"},
}};

// What the widget reads from the browser (web/src/context.mjs).
constexpr std::array<Words, 15> kContextLabels = {{
    {"locale", "browser locale"},
    {"language", "browser language"},
    {"country", "browser country"},
    {"timezone", "time zone"},
    {"tz_offset", "time zone offset in minutes"},
    {"screen_width", "screen width"},
    {"referrer", "referring page"},
    {"referrer_host", "referring site"},
    {"utm_source", "campaign source"},
    {"utm_medium", "campaign medium"},
    {"utm_campaign", "campaign name"},
    {"utm_term", "campaign term"},
    {"utm_content", "campaign content"},
    {"gpc", "Global Privacy Control signal"},
    {"dnt", "Do Not Track signal"},
}};

const char* group_key(FormGroup g) {
  switch (g) {
    case FormGroup::Logic: return "logic";
    case FormGroup::Event: return "event";
    case FormGroup::Cart: return "cart";
    case FormGroup::Other: return "other";
  }
  return "";
}

const char* target_key(FormTarget t) {
  switch (t) {
    case FormTarget::Rules: return "rules";
    case FormTarget::Rule: return "rule";
    case FormTarget::Event: case FormTarget::EventField: case FormTarget::EventOptionalField: return "event";
    case FormTarget::Steps: return "steps";
    case FormTarget::Trait: return "trait";
    case FormTarget::Context: return "context";
    case FormTarget::Segment: return "segment";
    case FormTarget::Cart: return "cart";
  }
  return "";
}

const char* field_need(FormTarget t) {
  return t == FormTarget::EventField ? "required" : t == FormTarget::EventOptionalField ? "optional" : "none";
}

const char* operand_key(Operand o) {
  switch (o) {
    case Operand::None: return "none";
    case Operand::Numbers: return "number";
    case Operand::Durations: return "duration";
    case Operand::Values: return "value";
  }
  return "";
}

OrderedJson keyed(std::string_view key, std::string_view label) {
  OrderedJson j = OrderedJson::object();
  j["key"] = std::string(key);
  j["label"] = std::string(label.empty() ? key : label);
  return j;
}

OrderedJson strings(const std::vector<std::string_view>& list) {
  OrderedJson j = OrderedJson::array();
  for (auto s : list) j.push_back(std::string(s));
  return j;
}

OrderedJson kinds() {
  OrderedJson out = OrderedJson::array();
  for (const auto& form : rule_forms()) {
    OrderedJson k = keyed(form.key, label_in(kFormLabels, form.key));
    k["group"] = group_key(form.group);
    k["target"] = target_key(form.target);
    k["field"] = field_need(form.target);  // "event.field" in the form's own key
    k["keys"] = strings(form.keys);
    k["operand"] = operand_key(form.operand);
    std::vector<std::string_view> fitting;
    for (auto c : comparison_keys())
      if (comparison_fits(comparison_op(c), form.operand)) fitting.push_back(c);
    k["comparisons"] = strings(fitting);
    k["comparison_optional"] = form.comparison_optional;
    out.push_back(std::move(k));
  }
  return out;
}

OrderedJson comparisons() {
  OrderedJson out = OrderedJson::array();
  for (auto key : comparison_keys()) {
    OrderedJson c = keyed(key, label_in(kComparisonLabels, key));
    c["numeric"] = comparison_fits(comparison_op(key), Operand::Numbers);
    c["duration"] = comparison_fits(comparison_op(key), Operand::Durations);
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace

std::string_view event_label(std::string_view event) {
  for (const auto& e : events())
    if (e.key == event) return e.label;
  return {};
}

std::string_view cart_measure_label(std::string_view measure) { return label_in(kCartMeasureLabels, measure); }

std::string_view trait_label(std::string_view trait) { return label_in(kTraitLabels, trait); }

std::string_view context_label(std::string_view key) { return label_in(kContextLabels, key); }

std::string_view unit_word(char suffix, bool plural) {
  for (const auto& u : kUnitWords)
    if (u.suffix == suffix) return plural ? u.many : u.one;
  return {};
}

std::string language_json() {
  OrderedJson j = OrderedJson::object();
  j["groups"] = OrderedJson::array({keyed("logic", "Combine"), keyed("event", "What the visitor did"),
                                    keyed("cart", "What is in the cart"), keyed("other", "Who the visitor is")});
  j["kinds"] = kinds();
  j["comparisons"] = comparisons();
  OrderedJson measures = OrderedJson::array();
  for (auto m : cart_measure_keys()) measures.push_back(keyed(m, label_in(kCartMeasureLabels, m)));
  j["cart_measures"] = std::move(measures);

  OrderedJson units = OrderedJson::array();
  for (const auto& u : kDurationUnits) {
    OrderedJson unit = keyed(std::string_view(&u.suffix, 1), unit_word(u.suffix, true));
    unit["ms"] = u.ms;
    units.push_back(std::move(unit));
  }
  j["units"] = std::move(units);
  j["windows"] = OrderedJson::array({keyed(kSessionWindow, "this session"), keyed(kLifetimeWindow, "ever")});

  OrderedJson list = OrderedJson::array();
  std::vector<std::string_view> all_fields;
  for (const auto& e : events()) {
    OrderedJson event = keyed(e.key, e.label);
    event["fields"] = strings(e.fields);
    list.push_back(std::move(event));
    for (auto f : e.fields)
      if (std::find(all_fields.begin(), all_fields.end(), f) == all_fields.end()) all_fields.push_back(f);
  }
  j["events"] = std::move(list);
  OrderedJson fields = OrderedJson::array();
  for (auto f : all_fields) {
    OrderedJson field = keyed(f, f);
    field["numeric"] = std::find(kNumericFields.begin(), kNumericFields.end(), f) != kNumericFields.end();
    fields.push_back(std::move(field));
  }
  j["fields"] = std::move(fields);

  OrderedJson traits = OrderedJson::array();
  for (const auto& t : kTraitLabels) traits.push_back(keyed(t.key, t.label));
  j["traits"] = std::move(traits);
  OrderedJson context = OrderedJson::array();
  for (const auto& c : kContextLabels) context.push_back(keyed(c.key, c.label));
  j["context"] = std::move(context);

  OrderedJson days = OrderedJson::array();
  for (auto d : weekday_keys()) days.push_back(keyed(d, label_in(kWeekdayLabels, d)));
  j["weekdays"] = std::move(days);
  return j.dump(-1, ' ', false, OrderedJson::error_handler_t::replace);
}

}  // namespace seg
