// The GA4 export row reader (ga4_export.hpp). One pass over the row checks all of it and notes
// where the few columns it uses start (the last one wins when a column repeats, as in a JSON
// document); a second pass reads just those columns. Nothing is built for the rest of the row,
// which is most of it (device, geo, traffic_source, privacy_info, ...).
#include "toolkit/ga4_export.hpp"

#include <array>
#include <deque>
#include <unordered_map>
#include <string>

#include "toolkit/json_scan.hpp"

namespace seg {
namespace {

// Columns the reader uses, in the order the row is checked.
enum Column { EventName, EventTimestamp, UserPseudoId, UserId, EventParams, Items, Ecommerce, kColumns };

Column column_of(std::string_view key) {
  switch (key.size()) {
    case 5: return key == "items" ? Items : kColumns;
    case 7: return key == "user_id" ? UserId : kColumns;
    case 9: return key == "ecommerce" ? Ecommerce : kColumns;
    case 10: return key == "event_name" ? EventName : kColumns;
    case 12: return key == "event_params" ? EventParams : kColumns;
    case 14: return key == "user_pseudo_id" ? UserPseudoId : kColumns;
    case 15: return key == "event_timestamp" ? EventTimestamp : kColumns;
    default: return kColumns;
  }
}

constexpr std::size_t kScanMembers = 16;  // members of an item searched by a scan

// Largest time in microseconds whose milliseconds a double holds exactly (2^53 ms).
constexpr std::int64_t kMaxMicros = 9007199254740992LL * 1000;

RowResult bad(RowError& error, const char* code, std::string message) {
  error.code = code;
  error.message = std::move(message);
  return RowResult::Bad;
}

bool has_field(const Event& event, std::string_view key) {
  for (const auto& field : event.strings)
    if (field.first == key) return true;
  for (const auto& field : event.numbers)
    if (field.first == key) return true;
  return false;
}

// Reading one column again, after the whole row was checked: every value here is valid JSON.
class ColumnReader {
 public:
  explicit ColumnReader(std::string_view text) : scan_(text) {}
  JsonScan& scan() { return scan_; }
  bool is_null() {
    if (scan_.peek() != 'n') return false;
    scan_.literal("null");
    return true;
  }
  // For each member of the object at hand: `member(key)` reads (or skips) its value.
  template <typename Member>
  bool members(Member&& member) {
    if (!scan_.consume('{')) return false;
    if (scan_.consume('}')) return true;
    do {
      std::string_view key;
      if (!scan_.string(key, key_scratch_) || !scan_.consume(':')) return false;
      if (!member(key)) return false;  // a view: compared before the value is read
    } while (scan_.consume(','));
    return scan_.consume('}');
  }
  template <typename Element>
  bool elements(Element&& element) {
    if (!scan_.consume('[')) return false;
    if (scan_.consume(']')) return true;
    std::size_t index = 0;
    do {
      if (!element(index++)) return false;
    } while (scan_.consume(','));
    return scan_.consume(']');
  }

 private:
  JsonScan scan_;
  std::string key_scratch_;
};

// An INT64 as BigQuery writes it (a string of digits) or a JSON integer.
bool read_int64(ColumnReader& in, std::string& scratch, bool& present, std::int64_t& out) {
  present = false;
  if (in.is_null()) return true;
  const char c = in.scan().peek();
  present = true;
  if (c == '"') {
    std::string_view text;
    return in.scan().string(text, scratch) && decimal_int64(text, out);
  }
  if (c == '-' || (c >= '0' && c <= '9')) {
    std::string_view text;
    bool integral;
    return in.scan().number(text, integral) && integral && decimal_int64(text, out);
  }
  in.scan().skip(1);
  return false;
}

// A FLOAT64 (a JSON number); null is absent.
bool read_double(ColumnReader& in, bool& present, double& out) {
  present = false;
  if (in.is_null()) return true;
  const char c = in.scan().peek();
  if (c != '-' && (c < '0' || c > '9')) {
    in.scan().skip(1);
    return false;
  }
  present = true;
  std::string_view text;
  bool integral;
  return in.scan().number(text, integral) && json_number_value(text, integral, out);
}

// A STRING; null is absent.
bool read_text(ColumnReader& in, std::string& scratch, bool& present, std::string& out) {
  present = false;
  if (in.is_null()) return true;
  if (in.scan().peek() != '"') {
    in.scan().skip(1);
    return false;
  }
  std::string_view text;
  if (!in.scan().string(text, scratch)) return false;
  out.assign(text);
  present = true;
  return true;
}

// A member's value as read, kept until the record ends: when a member repeats, the last counts
// (as in a JSON document), so a wrong type is only an error if it is the last word.
struct Read {
  enum State { Absent, Good, Wrong } state = Absent;
  void set(bool ok, bool present) { state = !ok ? Wrong : present ? Good : Absent; }
};

class RowFields {
 public:
  explicit RowFields(Event& event) : event_(event) {}

  // event_params: [{"key":..., "value":{"string_value","int_value","float_value","double_value"}}]
  bool params(std::string_view text, std::string& why) {
    ColumnReader in(text);
    if (in.is_null()) return true;
    if (in.scan().peek() != '[') return (why = "event_params must be a list of {key, value} records"), false;
    return in.elements([&](std::size_t index) {
      const auto entry = [index] { return "event_params entry " + std::to_string(index + 1); };  // only for a sentence
      if (in.scan().peek() != '{') return (why = entry() + " is not a {key, value} record"), in.scan().skip(1), false;
      std::string key;
      Read key_read, value_read, text_read, int_read, float_read, double_read;
      std::string text_value;
      std::int64_t int_value = 0;
      double float_value = 0, double_value = 0;
      in.members([&](std::string_view member) {
        bool present = false;
        if (member == "key") {
          { const bool read_ok = read_text(in, scratch_, present, key); key_read.set(read_ok, present); }
          return true;
        }
        if (member != "value") return in.scan().skip(2);
        if (in.is_null()) {
          value_read.state = Read::Absent;
          return true;
        }
        if (in.scan().peek() != '{') {
          value_read.state = Read::Wrong;
          return in.scan().skip(2);
        }
        value_read.state = Read::Good;
        text_read = int_read = float_read = double_read = Read{};
        return in.members([&](std::string_view slot) {
          bool has = false;
          if (slot == "string_value") { const bool read_ok = read_text(in, scratch_, has, text_value); text_read.set(read_ok, has); }
          else if (slot == "int_value") { const bool read_ok = read_int64(in, scratch_, has, int_value); int_read.set(read_ok, has); }
          else if (slot == "float_value") { const bool read_ok = read_double(in, has, float_value); float_read.set(read_ok, has); }
          else if (slot == "double_value") { const bool read_ok = read_double(in, has, double_value); double_read.set(read_ok, has); }
          else return in.scan().skip(3);
          return true;
        });
      });
      if (key_read.state != Read::Good) return (why = entry() + " needs \"key\": a string"), false;
      if (value_read.state == Read::Wrong) return (why = entry() + "'s value must be a record"), false;
      if (value_read.state == Read::Absent) return true;
      if (text_read.state == Read::Wrong) return (why = entry() + "'s string_value must be a string"), false;
      if (int_read.state == Read::Wrong) return (why = entry() + "'s int_value must be a whole number"), false;
      if (float_read.state == Read::Wrong) return (why = entry() + "'s float_value must be a number"), false;
      if (double_read.state == Read::Wrong) return (why = entry() + "'s double_value must be a number"), false;
      if (key.empty()) return true;
      // The first of string_value, int_value, float_value, double_value that is not null.
      if (text_read.state == Read::Good) event_.strings.emplace_back(std::move(key), std::move(text_value));
      else if (int_read.state == Read::Good) event_.numbers.emplace_back(std::move(key), static_cast<double>(int_value));
      else if (float_read.state == Read::Good) event_.numbers.emplace_back(std::move(key), float_value);
      else if (double_read.state == Read::Good) event_.numbers.emplace_back(std::move(key), double_value);
      return true;
    });
  }

  // items: one item lifts item_id, item_category, item_brand, price, quantity; several give every
  // item's string members.
  bool items(std::string_view text, std::string& why) {
    ColumnReader in(text);
    if (in.is_null()) return true;
    if (in.scan().peek() != '[') return (why = "items must be a list of item records"), false;
    // Per item, its members in order; a member whose last value is not a string keeps its place
    // with `text` false (as a JSON document keeps a repeated key where it first stood). Views into
    // the row; a name or value with an escape is decoded into `owned` (a deque: views stay put).
    struct Member {
      std::string_view name, value;
      bool text;
    };
    // Kept from row to row (per thread): no allocation once they have grown.
    static thread_local std::vector<Member> members;
    static thread_local std::vector<std::size_t> starts;  // where each item's members begin
    members.clear();
    starts.clear();
    owned_.clear();
    const auto keep = [&](std::string_view view) {
      if (view.data() >= text.data() && view.data() + view.size() <= text.data() + text.size()) return view;
      owned_.emplace_back(view);
      return std::string_view(owned_.back());
    };
    Read price_read, quantity_read;
    double price = 0, quantity = 0;
    const bool ok = in.elements([&](std::size_t index) {
      const auto entry = [index] { return "item " + std::to_string(index + 1); };  // only for a sentence
      if (in.scan().peek() != '{') return (why = entry() + " is not a record"), in.scan().skip(1), false;
      const std::size_t first = members.size();
      starts.push_back(first);
      std::unordered_map<std::string_view, std::size_t> index_of;  // built only for a large item
      price_read = quantity_read = Read{};
      in.members([&](std::string_view member) {
        bool has = false;
        if (member == "price") {
          { const bool read_ok = read_double(in, has, price); price_read.set(read_ok, has); }
          return true;
        }
        if (member == "quantity") {
          std::int64_t whole = 0;
          { const bool read_ok = read_int64(in, scratch_, has, whole); quantity_read.set(read_ok, has); }
          quantity = static_cast<double>(whole);
          return true;
        }
        // A repeated member: found by a scan while the item is small, by a hash index beyond that,
        // so an item with very many members costs time in proportion to its size.
        std::size_t at = members.size();
        if (members.size() - first <= kScanMembers) {
          for (std::size_t i = first; i < members.size(); ++i)
            if (members[i].name == member) at = i;
        } else {
          if (index_of.empty())
            for (std::size_t i = first; i < members.size(); ++i) index_of.emplace(members[i].name, i);
          const auto found = index_of.find(member);
          if (found != index_of.end()) at = found->second;
        }
        if (at == members.size()) {
          members.push_back(Member{keep(member), std::string_view(), false});
          if (!index_of.empty()) index_of.emplace(members.back().name, at);
        }
        if (in.scan().peek() != '"') {
          members[at].text = false;
          return in.scan().skip(2);
        }
        std::string_view value;
        if (!in.scan().string(value, scratch_)) return false;
        members[at].value = keep(value);
        members[at].text = true;
        return true;
      });
      if (price_read.state == Read::Wrong) return (why = entry() + "'s price must be a number"), false;
      if (quantity_read.state == Read::Wrong) return (why = entry() + "'s quantity must be a whole number"), false;
      return true;
    });
    if (!ok) return false;
    if (starts.size() == 1) {
      for (const char* name : {"item_id", "item_category", "item_brand"}) {
        if (has_field(event_, name)) continue;
        for (const Member& member : members)
          if (member.text && member.name == name) event_.strings.emplace_back(std::string(member.name), std::string(member.value));
      }
      if (price_read.state == Read::Good && !has_field(event_, "price")) event_.numbers.emplace_back("price", price);
      if (quantity_read.state == Read::Good && !has_field(event_, "quantity")) event_.numbers.emplace_back("quantity", quantity);
    } else {
      for (const Member& member : members)
        if (member.text) event_.strings.emplace_back(std::string(member.name), std::string(member.value));
    }
    return true;
  }

  // ecommerce.purchase_revenue -> "value" when no parameter gave one.
  bool ecommerce(std::string_view text, std::string& why) {
    ColumnReader in(text);
    if (in.is_null()) return true;
    if (in.scan().peek() != '{') return (why = "ecommerce must be a record"), false;
    Read revenue_read;
    double revenue = 0;
    in.members([&](std::string_view member) {
      if (member != "purchase_revenue") return in.scan().skip(2);
      bool has = false;
      { const bool read_ok = read_double(in, has, revenue); revenue_read.set(read_ok, has); }
      return true;
    });
    if (revenue_read.state == Read::Wrong) return (why = "ecommerce.purchase_revenue must be a number"), false;
    if (revenue_read.state == Read::Good && !has_field(event_, "value")) event_.numbers.emplace_back("value", revenue);
    return true;
  }

 private:
  Event& event_;
  std::string scratch_;
  std::deque<std::string> owned_;
};

}  // namespace

bool ga4_engine_made(std::string_view event_name) {
  return event_name == "session_start" || event_name == "first_visit";
}

RowResult read_ga4_row(std::string_view row, EventLine& out, RowError& error) {
  out.clear();
  if (row.substr(0, 3) == "\xEF\xBB\xBF") row.remove_prefix(3);  // a byte order mark, as JSON readers allow
  // Pass 1: check the row, note where each used column's value starts.
  JsonScan scan(row);
  std::array<std::string_view, kColumns> columns{};
  std::array<bool, kColumns> present{};
  const char* value_start = nullptr;
  std::string key_scratch;
  bool object = scan.peek() == '{';
  bool ok;
  if (object) {
    scan.consume('{');
    ok = true;
    if (!scan.consume('}')) {
      do {
        std::string_view key;
        if (!scan.string(key, key_scratch) || !scan.expect(':')) {
          ok = false;
          break;
        }
        const Column column = column_of(key);
        scan.peek();  // past the space
        value_start = scan.position();
        if (!scan.skip(1)) {
          ok = false;
          break;
        }
        if (column != kColumns) {
          columns[column] = std::string_view(value_start, static_cast<std::size_t>(scan.position() - value_start));
          present[column] = columns[column] != "null";
        }
      } while (scan.consume(','));
      ok = ok && scan.expect('}');
    }
  } else {
    ok = scan.skip(0);
  }
  ok = ok && (scan.at_end() || scan.fail());
  if (!ok) {
    if (scan.failure() == JsonScan::Failure::TooDeep) {
      return bad(error, "too_deep", "the row nests lists or records more than " + std::to_string(JsonScan::kMaxDepth) + " deep");
    }
    return bad(error, "not_json", "the row is not valid JSON (column " + std::to_string(scan.column()) + ")");
  }
  if (!object) return bad(error, "not_object", "a row must be a JSON object, one event of the export");

  // Pass 2: the used columns.
  std::string scratch;
  if (!present[EventName]) return bad(error, "no_event_name", "the row needs event_name: the event's name");
  {
    ColumnReader in(columns[EventName]);
    std::string_view name;
    if (in.scan().peek() != '"' || !in.scan().string(name, scratch) || name.empty()) {
      return bad(error, "no_event_name", "event_name must be a non-empty string");
    }
    if (ga4_engine_made(name)) return RowResult::Skipped;
    out.event.type.assign(name);
  }
  {
    std::int64_t micros = 0;
    bool has = false;
    ColumnReader in(columns[EventTimestamp]);
    if (!present[EventTimestamp] || !read_int64(in, scratch, has, micros) || micros < 0 || micros > kMaxMicros) {
      return bad(error, "bad_timestamp", "event_timestamp must be the event's time in microseconds since the epoch, like \"1700000000000000\"");
    }
    out.ts = micros / 1000;
  }
  for (const Column column : {UserPseudoId, UserId}) {
    if (!present[column]) continue;
    ColumnReader in(columns[column]);
    std::string_view id;
    if (in.scan().peek() != '"' || !in.scan().string(id, scratch) || id.empty()) {
      return bad(error, "no_visitor", std::string(column == UserPseudoId ? "user_pseudo_id" : "user_id") + " must be a non-empty string");
    }
    if (id.size() > kMaxStringBytes) {
      return bad(error, "visitor_too_long", "the visitor id is longer than " + std::to_string(kMaxStringBytes) + " bytes");
    }
    out.visitor.assign(id);
    break;
  }
  if (out.visitor.empty()) return bad(error, "no_visitor", "the row needs user_pseudo_id (or user_id): who the visitor is");

  RowFields fields(out.event);
  std::string why;
  if (present[EventParams] && !fields.params(columns[EventParams], why)) return bad(error, "bad_event_params", why);
  if (present[Items] && !fields.items(columns[Items], why)) return bad(error, "bad_items", why);
  if (present[Ecommerce] && !fields.ecommerce(columns[Ecommerce], why)) return bad(error, "bad_ecommerce", why);
  out.kind = EventLine::Kind::Event;
  return RowResult::Event;
}

namespace {

class Ga4Rows : public RowReader {
 public:
  RowResult line(std::string_view text, EventLine& out, RowError& error) override {
    if (text.find_first_not_of(" \t\r") == std::string_view::npos) return RowResult::Skipped;
    return read_ga4_row(text, out, error);
  }
};

}  // namespace

std::unique_ptr<RowReader> ga4_row_reader() { return std::make_unique<Ga4Rows>(); }

}  // namespace seg
