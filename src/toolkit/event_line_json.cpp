// The complete reader of replay lines: any valid JSON, every rule of event_line.hpp, and a plain
// sentence for whatever is wrong. Slower than the fast path; used for the lines it passes on.
#include <cmath>
#include <string>

#include <nlohmann/json.hpp>

#include "toolkit/config_document.hpp"
#include "toolkit/event_line.hpp"

namespace seg {
namespace {

// The line as the configuration's document type (nlohmann's SAX parser into engine/json.hpp):
// fields in the order the line wrote them, a repeated key sorted out once per object. The
// ordered_json DOM it replaces looked every key up among the keys before it: a line of 50,000
// fields took seconds.
using LineJson = Json;

// Largest whole number of milliseconds a double holds exactly.
constexpr double kMaxMillis = 9007199254740992.0;  // 2^53

std::string in_quotes(const std::string& key) { return "\"" + key + "\""; }

// The parse error nlohmann reports for a line, found without exceptions (the toolkit's WASM build
// has none): a SAX pass that keeps the first error and builds nothing.
class ErrorProbe : public nlohmann::json_sax<nlohmann::json> {
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
  nlohmann::json::sax_parse(line.begin(), line.end(), &probe);
  // nlohmann: "[json.exception.parse_error.101] parse error at line 1, column 3: ..."
  // Valid JSON that the document refused: it nests too deep.
  std::string what = probe.what.empty() ? "it nests deeper than " + std::to_string(kMaxConfigDepth) + " levels" : probe.what;
  const auto bracket = what.find("] ");
  if (bracket != std::string::npos) what.erase(0, bracket + 2);
  constexpr std::size_t kMaxMessage = 200;
  if (what.size() > kMaxMessage) what = what.substr(0, kMaxMessage) + "...";
  return "not valid JSON: " + what;
}

bool read_millis(const LineJson& value, Millis& out) {
  if (!value.is_number()) return false;
  const double d = value.number();
  if (!std::isfinite(d) || std::floor(d) != d || std::fabs(d) > kMaxMillis) return false;
  out = static_cast<Millis>(d);
  return true;
}

bool add_scalar(const std::string& key, const LineJson& value, Event& event, std::string& error) {
  if (value.is_string()) {
    event.str(key, value.string());
  } else if (value.is_number()) {
    const double d = value.number();
    if (!std::isfinite(d)) {
      error = "field " + in_quotes(key) + " is a number too large to use";
      return false;
    }
    event.num(key, d);
  } else if (value.is_boolean()) {
    event.str(key, value.boolean() ? "true" : "false");
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
      for (const auto& member : element.members()) {
        if (member.second.is_string()) event.str(member.first, member.second.string());
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
    out = Value::of(json.string());
  } else if (json.is_number()) {
    const double d = json.number();
    if (!std::isfinite(d)) {
      error = where + "." + key + " is a number too large to use";
      return false;
    }
    out = Value::of(d);
  } else if (json.is_boolean()) {
    out = Value::of_bool(json.boolean());
  } else if (json.is_null()) {
    out = Value{};
  } else if (json.is_array()) {
    std::vector<std::string> list;
    for (const LineJson& element : json) {
      if (!element.is_string()) {
        error = where + "." + key + " must be a list of strings";
        return false;
      }
      list.push_back(element.string());
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
  for (const auto& member : object.members()) {
    Value value;
    if (!read_value(where, member.first, member.second, value, error)) return false;
    out.values.emplace_back(member.first, std::move(value));
  }
  return true;
}

bool read_record(const LineJson& record, EventLine& out, std::string& error) {
  if (!record.is_object()) {
    error = "\"record\" must be an object like {\"offer\":\"id\",\"outcome\":\"shown\"}";
    return false;
  }
  for (const auto& member : record.members()) {
    if (member.first != "offer" && member.first != "outcome") {
      error = "\"record\" has an unknown key " + in_quotes(member.first) + " (it takes offer and outcome)";
      return false;
    }
  }
  const LineJson* offer = record.find("offer");
  if (offer == nullptr || !offer->is_string() || offer->string().empty()) {
    error = "\"record\" needs \"offer\": the id of an offer";
    return false;
  }
  const LineJson* outcome = record.find("outcome");
  if (outcome == nullptr || !outcome->is_string() || !parse_outcome(outcome->string(), out.outcome)) {
    error = "\"record\" needs \"outcome\": \"shown\", \"dismissed\" or \"converted\"";
    return false;
  }
  out.offer = offer->string();
  return true;
}

}  // namespace

bool parse_event_line_json(std::string_view line, EventLine& out, std::string& error) {
  out.clear();
  LineJson doc;
  Issues syntax;
  if (!parse_config_document(line, doc, syntax)) {
    error = parse_error_sentence(line);
    return false;
  }
  if (!doc.is_object()) {
    error = "a line must be a JSON object";
    return false;
  }

  const LineJson* visitor = doc.find("visitor");
  if (visitor == nullptr || !visitor->is_string() || visitor->string().empty()) {
    error = "the line needs \"visitor\": a non-empty string";
    return false;
  }
  if (visitor->string().size() > kMaxStringBytes) {
    error = "\"visitor\" is longer than " + std::to_string(kMaxStringBytes) + " bytes";
    return false;
  }
  out.visitor = visitor->string();

  const LineJson* ts = doc.find("ts");
  if (ts == nullptr) {
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
    if (!type.is_string() || type.string().empty()) {
      error = "\"type\" must be a non-empty string, the event name";
      return false;
    }
    out.kind = EventLine::Kind::Event;
    out.event.type = type.string();
    for (const auto& member : doc.members()) {
      const std::string& key = member.first;
      if (key == "visitor" || key == "ts" || key == "type") continue;
      if (!add_field(key, member.second, out.event, error)) return false;
    }
    return true;
  }

  for (const auto& member : doc.members()) {
    const std::string& key = member.first;
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
