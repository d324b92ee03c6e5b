#include "toolkit/event_line.hpp"

namespace seg {

void EventLine::clear() {
  kind = Kind::Event;
  visitor.clear();
  ts = 0;
  event.type.clear();
  event.strings.clear();
  event.numbers.clear();
  values.clear();
  offer.clear();
  outcome = Outcome::Shown;
}

bool parse_event_line(std::string_view line, EventLine& out, std::string& error) {
  if (line.size() > kMaxLineBytes) {
    out.clear();
    error = "the line is longer than " + std::to_string(kMaxLineBytes) + " bytes";
    return false;
  }
  if (parse_event_line_fast(line, out)) return true;
  return parse_event_line_json(line, out, error);
}

namespace {

bool same_value(const Value& a, const Value& b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case Value::Kind::None: return true;
    case Value::Kind::Number: return a.number == b.number;
    case Value::Kind::String: return a.string == b.string;
    case Value::Kind::Bool: return a.boolean == b.boolean;
    case Value::Kind::List: return a.list == b.list;
  }
  return false;
}

}  // namespace

bool same_event_line(const EventLine& a, const EventLine& b) {
  if (a.kind != b.kind || a.visitor != b.visitor || a.ts != b.ts) return false;
  switch (a.kind) {
    case EventLine::Kind::Event:
      return a.event.type == b.event.type && a.event.strings == b.event.strings &&
             a.event.numbers == b.event.numbers;
    case EventLine::Kind::Traits:
    case EventLine::Kind::Context:
      if (a.values.size() != b.values.size()) return false;
      for (std::size_t i = 0; i < a.values.size(); ++i) {
        if (a.values[i].first != b.values[i].first) return false;
        if (!same_value(a.values[i].second, b.values[i].second)) return false;
      }
      return true;
    case EventLine::Kind::Record:
      return a.offer == b.offer && a.outcome == b.outcome;
  }
  return false;
}

}  // namespace seg
