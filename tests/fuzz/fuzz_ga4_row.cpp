// The GA4 export row reader (src/toolkit/ga4_export.cpp) against a reference built on nlohmann's
// JSON document: the reader calls a row "not_json" exactly when nlohmann refuses it, and for every
// other row gives the same result, error code and event as the reference mapping below (which
// restates ga4_export.hpp's rules on a document). Never crashes; every refusal has a sentence.
#include <charconv>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "toolkit/ga4_export.hpp"
#include "fuzz_check.hpp"

namespace {

using Json = nlohmann::ordered_json;
constexpr std::int64_t kMaxMicros = 9007199254740992LL * 1000;

struct Reference {
  seg::RowResult result = seg::RowResult::Event;
  std::string code;
  seg::EventLine line;
};

Reference bad(const char* code) {
  Reference r;
  r.result = seg::RowResult::Bad;
  r.code = code;
  return r;
}

// An INT64 cell: a string of decimal digits (optional minus) or a JSON integer within int64.
// 0: null or absent, 1: good, 2: wrong.
int int64_cell(const Json* cell, std::int64_t& out) {
  if (cell == nullptr || cell->is_null()) return 0;
  if (cell->is_string()) {
    const std::string& s = cell->get_ref<const std::string&>();
    const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
    return !s.empty() && r.ec == std::errc() && r.ptr == s.data() + s.size() ? 1 : 2;
  }
  if (cell->is_number_unsigned()) {
    const auto u = cell->get<std::uint64_t>();
    if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) return 2;
    out = static_cast<std::int64_t>(u);
    return 1;
  }
  if (cell->is_number_integer()) {
    out = cell->get<std::int64_t>();
    return 1;
  }
  return 2;
}

int double_cell(const Json* cell, double& out) {
  if (cell == nullptr || cell->is_null()) return 0;
  if (!cell->is_number()) return 2;
  out = cell->get<double>();
  return 1;
}

int string_cell(const Json* cell, std::string& out) {
  if (cell == nullptr || cell->is_null()) return 0;
  if (!cell->is_string()) return 2;
  out = cell->get<std::string>();
  return 1;
}

const Json* member(const Json& object, const char* key) {
  const auto found = object.find(key);
  return found == object.end() ? nullptr : &*found;
}

bool has_field(const seg::Event& e, const std::string& key) {
  for (const auto& f : e.strings) if (f.first == key) return true;
  for (const auto& f : e.numbers) if (f.first == key) return true;
  return false;
}

Reference reference(const Json& doc) {
  if (!doc.is_object()) return bad("not_object");
  Reference r;
  seg::Event& event = r.line.event;
  const Json* name = member(doc, "event_name");
  if (name == nullptr || name->is_null() || !name->is_string() || name->get<std::string>().empty()) return bad("no_event_name");
  if (seg::ga4_engine_made(name->get<std::string>())) {
    r.result = seg::RowResult::Skipped;
    return r;
  }
  event.type = name->get<std::string>();
  std::int64_t micros = 0;
  if (int64_cell(member(doc, "event_timestamp"), micros) != 1 || micros < 0 || micros > kMaxMicros) return bad("bad_timestamp");
  r.line.ts = micros / 1000;
  for (const char* column : {"user_pseudo_id", "user_id"}) {
    const Json* id = member(doc, column);
    if (id == nullptr || id->is_null()) continue;
    if (!id->is_string() || id->get<std::string>().empty()) return bad("no_visitor");
    if (id->get<std::string>().size() > seg::kMaxStringBytes) return bad("visitor_too_long");
    r.line.visitor = id->get<std::string>();
    break;
  }
  if (r.line.visitor.empty()) return bad("no_visitor");

  if (const Json* params = member(doc, "event_params"); params != nullptr && !params->is_null()) {
    if (!params->is_array()) return bad("bad_event_params");
    for (const Json& entry : *params) {
      if (!entry.is_object()) return bad("bad_event_params");
      std::string key;
      if (string_cell(member(entry, "key"), key) != 1) return bad("bad_event_params");
      const Json* value = member(entry, "value");
      if (value == nullptr || value->is_null()) continue;
      if (!value->is_object()) return bad("bad_event_params");
      std::string text;
      std::int64_t whole = 0;
      double f = 0, d = 0;
      const int t = string_cell(member(*value, "string_value"), text);
      const int i = int64_cell(member(*value, "int_value"), whole);
      const int fl = double_cell(member(*value, "float_value"), f);
      const int db = double_cell(member(*value, "double_value"), d);
      if (t == 2 || i == 2 || fl == 2 || db == 2) return bad("bad_event_params");
      if (key.empty()) continue;
      if (t == 1) event.strings.emplace_back(key, text);
      else if (i == 1) event.numbers.emplace_back(key, static_cast<double>(whole));
      else if (fl == 1) event.numbers.emplace_back(key, f);
      else if (db == 1) event.numbers.emplace_back(key, d);
    }
  }
  if (const Json* items = member(doc, "items"); items != nullptr && !items->is_null()) {
    if (!items->is_array()) return bad("bad_items");
    double price = 0, quantity = 0;
    int p = 0, q = 0;
    for (const Json& item : *items) {
      if (!item.is_object()) return bad("bad_items");
      p = double_cell(member(item, "price"), price);
      std::int64_t whole = 0;
      q = int64_cell(member(item, "quantity"), whole);
      quantity = static_cast<double>(whole);
      if (p == 2 || q == 2) return bad("bad_items");
    }
    if (items->size() == 1) {
      const Json& item = (*items)[0];
      for (const char* lifted : {"item_id", "item_category", "item_brand"}) {
        const Json* v = member(item, lifted);
        if (v != nullptr && v->is_string() && !has_field(event, lifted)) event.strings.emplace_back(lifted, v->get<std::string>());
      }
      if (p == 1 && !has_field(event, "price")) event.numbers.emplace_back("price", price);
      if (q == 1 && !has_field(event, "quantity")) event.numbers.emplace_back("quantity", quantity);
    } else {
      for (const Json& item : *items)
        for (const auto& m : item.items())
          if (m.key() != "price" && m.key() != "quantity" && m.value().is_string())
            event.strings.emplace_back(m.key(), m.value().get<std::string>());
    }
  }
  if (const Json* ecommerce = member(doc, "ecommerce"); ecommerce != nullptr && !ecommerce->is_null()) {
    if (!ecommerce->is_object()) return bad("bad_ecommerce");
    double revenue = 0;
    const int rv = double_cell(member(*ecommerce, "purchase_revenue"), revenue);
    if (rv == 2) return bad("bad_ecommerce");
    if (rv == 1 && !has_field(event, "value")) event.numbers.emplace_back("value", revenue);
  }
  return r;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view row(reinterpret_cast<const char*>(data), size);
  seg::EventLine line;
  seg::RowError error;
  const seg::RowResult result = seg::read_ga4_row(row, line, error);
  SEG_FUZZ_EXPECT(result != seg::RowResult::Pending);
  if (result == seg::RowResult::Bad) SEG_FUZZ_EXPECT(!error.code.empty() && !error.message.empty());
  if (result == seg::RowResult::Bad && error.code == "too_deep") return 0;  // nlohmann has no depth limit
  // nlohmann's lexer takes a NUL byte as the end of its input ("null\0garbage" is valid to it); the
  // reader refuses it, as JSON allows it nowhere (not as space, not raw inside a string).
  if (row.find('\0') != std::string_view::npos) {
    SEG_FUZZ_EXPECT(result == seg::RowResult::Bad && error.code == "not_json");
    return 0;
  }

  const Json doc = Json::parse(row.begin(), row.end(), nullptr, false);
  const bool not_json = result == seg::RowResult::Bad && error.code == "not_json";
  SEG_FUZZ_EXPECT(doc.is_discarded() == not_json);
  if (not_json) return 0;
  const Reference expected = reference(doc);
  SEG_FUZZ_EXPECT(result == expected.result);
  if (result == seg::RowResult::Bad) SEG_FUZZ_EXPECT(error.code == expected.code);
  if (result == seg::RowResult::Event) {
    SEG_FUZZ_EXPECT(line.visitor == expected.line.visitor);
    SEG_FUZZ_EXPECT(line.ts == expected.line.ts);
    SEG_FUZZ_EXPECT(line.event.type == expected.line.event.type);
    SEG_FUZZ_EXPECT(line.event.strings == expected.line.event.strings);
    SEG_FUZZ_EXPECT(line.event.numbers == expected.line.event.numbers);
  }
  return 0;
}
