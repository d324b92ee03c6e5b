// The complete reader of replay lines: any valid JSON, every rule of event_line.hpp, and a plain
// sentence for whatever is wrong. Slower than the fast path; used for the lines it passes on.
#include <cmath>
#include <string>

#include <nlohmann/json.hpp>

#include "toolkit/event_line.hpp"

namespace seg {
namespace {

// Insertion order keeps an event's fields in the order the line wrote them.
using LineJson = nlohmann::ordered_json;

// Largest whole number of milliseconds a double holds exactly.
constexpr double kMaxMillis = 9007199254740992.0;  // 2^53

std::string in_quotes(const std::string& key) { return "\"" + key + "\""; }

// The parse error nlohmann reports for a line, found without exceptions (the toolkit's WASM build
// has none): a SAX pass that keeps the first error and builds nothing.
class ErrorProbe : public nlohmann::json_sax<LineJson> {
 public:
  std::string what;
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) override {
    what = e.what();
    return false;
  }
};

std::string parse_error_sentence(std::string_view line) {
  ErrorProbe probe;
  LineJson::sax_parse(line.begin(), line.end(), &probe);
  // nlohmann: "[json.exception.parse_error.101] parse error at line 1, column 3: ..."
  std::string what = probe.what.empty() ? std::string("syntax error") : probe.what;
  const auto bracket = what.find("] ");
  if (bracket != std::string::npos) what.erase(0, bracket + 2);
  constexpr std::size_t kMaxMessage = 200;
  if (what.size() > kMaxMessage) what = what.substr(0, kMaxMessage) + "...";
  return "not valid JSON: " + what;
}

bool read_millis(const LineJson& value, Millis& out) {
  if (value.is_number_integer()) {
    if (value.is_number_unsigned()) {
      const auto n = value.get<std::uint64_t>();
      if (n > static_cast<std::uint64_t>(kMaxMillis)) return false;
      out = static_cast<Millis>(n);
      return true;
    }
    const auto n = value.get<std::int64_t>();
    if (n < -static_cast<std::int64_t>(kMaxMillis)) return false;
    out = n;
    return true;
  }
  if (!value.is_number_float()) return false;
  const double d = value.get<double>();
  if (!std::isfinite(d) || std::floor(d) != d || std::fabs(d) > kMaxMillis) return false;
  out = static_cast<Millis>(d);
  return true;
}

bool add_scalar(const std::string& key, const LineJson& value, Event& event, std::string& error) {
  if (value.is_string()) {
    event.str(key, value.get<std::string>());
  } else if (value.is_number()) {
    const double d = value.get<double>();
    if (!std::isfinite(d)) {
      error = "field " + in_quotes(key) + " is a number too large to use";
      return false;
    }
    event.num(key, d);
  } else if (value.is_boolean()) {
    event.str(key, value.get<bool>() ? "true" : "false");
  }  // null: no field
  return true;
}

bool add_field(const std::string& key, const LineJson& value, Event& event, std::string& error) {
  if (value.is_object()) {
    error = "field " + in_quotes(key) + " is an object; objects are allowed only inside a list (like items)";
    return false;
  }
  if (!value.is_array()) return add_scalar(key, value, event, error);
  for (const LineJson& element : value) {
    if (element.is_array()) {
      error = "field " + in_quotes(key) + " holds a list inside a list";
      return false;
    }
    if (element.is_object()) {
      for (const auto& member : element.items()) {
        if (member.value().is_string()) event.str(member.key(), member.value().get<std::string>());
      }
    } else if (!add_scalar(key, element, event, error)) {
      return false;
    }
  }
  return true;
}

bool read_value(const std::string& where, const std::string& key, const LineJson& json, Value& out,
                std::string& error) {
  if (json.is_string()) {
    out = Value::of(json.get<std::string>());
  } else if (json.is_number()) {
    const double d = json.get<double>();
    if (!std::isfinite(d)) {
      error = where + "." + key + " is a number too large to use";
      return false;
    }
    out = Value::of(d);
  } else if (json.is_boolean()) {
    out = Value::of_bool(json.get<bool>());
  } else if (json.is_null()) {
    out = Value{};
  } else if (json.is_array()) {
    std::vector<std::string> list;
    for (const LineJson& element : json) {
      if (!element.is_string()) {
        error = where + "." + key + " must be a list of strings";
        return false;
      }
      list.push_back(element.get<std::string>());
    }
    out = Value::of(std::move(list));
  } else {
    error = where + "." + key + " must be a string, number, boolean, null or list of strings";
    return false;
  }
  return true;
}

bool read_values(const std::string& where, const LineJson& object, EventLine& out, std::string& error) {
  if (!object.is_object()) {
    error = in_quotes(where) + " must be an object";
    return false;
  }
  for (const auto& member : object.items()) {
    Value value;
    if (!read_value(where, member.key(), member.value(), value, error)) return false;
    out.values.emplace_back(member.key(), std::move(value));
  }
  return true;
}

bool read_record(const LineJson& record, EventLine& out, std::string& error) {
  if (!record.is_object()) {
    error = "\"record\" must be an object like {\"offer\":\"id\",\"outcome\":\"shown\"}";
    return false;
  }
  for (const auto& member : record.items()) {
    if (member.key() != "offer" && member.key() != "outcome") {
      error = "\"record\" has an unknown key " + in_quotes(member.key()) + " (it takes offer and outcome)";
      return false;
    }
  }
  const auto offer = record.find("offer");
  if (offer == record.end() || !offer->is_string() || offer->get<std::string>().empty()) {
    error = "\"record\" needs \"offer\": the id of an offer";
    return false;
  }
  const auto outcome = record.find("outcome");
  if (outcome == record.end() || !outcome->is_string() ||
      !parse_outcome(outcome->get<std::string>(), out.outcome)) {
    error = "\"record\" needs \"outcome\": \"shown\", \"dismissed\" or \"converted\"";
    return false;
  }
  out.offer = offer->get<std::string>();
  return true;
}

}  // namespace

bool parse_event_line_json(std::string_view line, EventLine& out, std::string& error) {
  out.clear();
  LineJson doc = LineJson::parse(line.begin(), line.end(), nullptr, false);
  if (doc.is_discarded()) {
    error = parse_error_sentence(line);
    return false;
  }
  if (!doc.is_object()) {
    error = "a line must be a JSON object";
    return false;
  }

  const auto visitor = doc.find("visitor");
  if (visitor == doc.end() || !visitor->is_string() || visitor->get<std::string>().empty()) {
    error = "the line needs \"visitor\": a non-empty string";
    return false;
  }
  if (visitor->get<std::string>().size() > kMaxStringBytes) {
    error = "\"visitor\" is longer than " + std::to_string(kMaxStringBytes) + " bytes";
    return false;
  }
  out.visitor = visitor->get<std::string>();

  const auto ts = doc.find("ts");
  if (ts == doc.end()) {
    error = "the line needs \"ts\": milliseconds since the epoch";
    return false;
  }
  if (!read_millis(*ts, out.ts)) {
    error = "\"ts\" must be a whole number of milliseconds since the epoch";
    return false;
  }

  // Exactly one of these says what the line is.
  static const char* const kKinds[] = {"type", "traits", "context", "record"};
  std::string kind;
  for (const char* candidate : kKinds) {
    if (!doc.contains(candidate)) continue;
    if (!kind.empty()) {
      error = "the line has both " + in_quotes(kind) + " and " + in_quotes(candidate) +
              "; a line is one of an event (type), traits, context or record";
      return false;
    }
    kind = candidate;
  }
  if (kind.empty()) {
    error = "the line needs \"type\" (an event), \"traits\", \"context\" or \"record\"";
    return false;
  }

  if (kind == "type") {
    const LineJson& type = doc["type"];
    if (!type.is_string() || type.get<std::string>().empty()) {
      error = "\"type\" must be a non-empty string, the event name";
      return false;
    }
    out.kind = EventLine::Kind::Event;
    out.event.type = type.get<std::string>();
    for (const auto& member : doc.items()) {
      const std::string& key = member.key();
      if (key == "visitor" || key == "ts" || key == "type") continue;
      if (!add_field(key, member.value(), out.event, error)) return false;
    }
    return true;
  }

  for (const auto& member : doc.items()) {
    const std::string& key = member.key();
    if (key != "visitor" && key != "ts" && key != kind) {
      error = "unexpected key " + in_quotes(key) + " beside " + in_quotes(kind);
      return false;
    }
  }
  if (kind == "record") {
    out.kind = EventLine::Kind::Record;
    return read_record(doc["record"], out, error);
  }
  out.kind = kind == "traits" ? EventLine::Kind::Traits : EventLine::Kind::Context;
  return read_values(kind, doc[kind], out, error);
}

}  // namespace seg
