// One line of a replay log (JSON Lines), as `shopper-segments replay` reads it:
//   {"visitor":"v1","ts":1700000000000,"type":"view_item","item_id":"sku1","price":19.9,"tags":["new"]}
//   {"visitor":"v1","ts":1700000000000,"traits":{"customer_orders":2,"loyalty_tier":"gold"}}
//   {"visitor":"v1","ts":1700000000000,"context":{"timezone":"Europe/Berlin","tz_offset":60}}
//   {"visitor":"v1","ts":1700000000000,"record":{"offer":"welcome_hero","outcome":"shown"}}
//
// Event fields: a string or number becomes one field; a boolean becomes the string "true" or
// "false"; null is ignored; a list gives one field per element (strings, numbers, booleans), and
// an object inside a list (a purchase's `items`) gives one string field per string member
// (item_id, item_category, item_brand, ...), its other members ignored. An object outside a list
// and a list inside a list are errors. When a key repeats, the last value counts.
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "shopper_segments/engine.hpp"

namespace seg {

struct EventLine {
  enum class Kind { Event, Traits, Context, Record };
  Kind kind = Kind::Event;
  std::string visitor;
  Millis ts = 0;
  Event event;                                        // Kind::Event
  std::vector<std::pair<std::string, Value>> values;  // Kind::Traits, Kind::Context
  std::string offer;                                  // Kind::Record
  Outcome outcome = Outcome::Shown;                   // Kind::Record

  // Keeps the vectors' capacity: replay reuses one EventLine for every line.
  void clear();
};

// Longest line replay accepts; longer ones are reported and skipped.
constexpr std::size_t kMaxLineBytes = 1 << 20;

// Parses one line; false with a one-sentence `error` when the line is not usable.
// Tries the fast parser first and falls back to the JSON parser for anything it does not take.
bool parse_event_line(std::string_view line, EventLine& out, std::string& error);

// The two halves, public for tests and the fuzz target, which checks that they agree.
// The fast parser takes only plain event lines (no escapes, no traits/context/record, no repeated
// keys, simple numbers) and returns false for anything else without judging it.
bool parse_event_line_fast(std::string_view line, EventLine& out);
bool parse_event_line_json(std::string_view line, EventLine& out, std::string& error);

// Same content (kinds, visitor, time, fields in order, values).
bool same_event_line(const EventLine& a, const EventLine& b);

}  // namespace seg
