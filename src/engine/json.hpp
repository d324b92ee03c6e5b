// A small JSON document type for configuration, saved state and explanations.
// The engine ships in every storefront's download, so it carries its own few hundred lines of JSON
// instead of a general library (nlohmann/json alone was 23 KB of the gzipped module): no
// exceptions, no locale, no printf, bounded nesting, numbers as doubles, object keys written in
// sorted order so every dump of the same document is byte-identical.
#pragma once
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace seg {

class Json {
 public:
  enum class Type : std::uint8_t { Null, Bool, Number, String, Array, Object };
  using Member = std::pair<std::string, Json>;

  Json() = default;
  Json(std::nullptr_t) {}
  Json(bool b) : type_(Type::Bool), bool_(b) {}
  Json(double n) : type_(Type::Number), number_(n) {}
  Json(int n) : Json(static_cast<double>(n)) {}
  Json(long n) : Json(static_cast<double>(n)) {}
  Json(long long n) : Json(static_cast<double>(n)) {}
  Json(unsigned n) : Json(static_cast<double>(n)) {}
  Json(unsigned long n) : Json(static_cast<double>(n)) {}
  Json(unsigned long long n) : Json(static_cast<double>(n)) {}
  Json(const char* s) : type_(Type::String), string_(s) {}
  Json(std::string s) : type_(Type::String), string_(std::move(s)) {}
  Json(std::string_view s) : type_(Type::String), string_(s) {}
  Json(const std::vector<std::string>& list);

  static Json array() { Json j; j.type_ = Type::Array; return j; }
  static Json array(std::initializer_list<Json> items) {
    Json j = array();
    j.items_.assign(items.begin(), items.end());
    return j;
  }
  static Json object() { Json j; j.type_ = Type::Object; return j; }

  Type type() const { return type_; }
  bool is_null() const { return type_ == Type::Null; }
  bool is_boolean() const { return type_ == Type::Bool; }
  bool is_number() const { return type_ == Type::Number; }
  bool is_string() const { return type_ == Type::String; }
  bool is_array() const { return type_ == Type::Array; }
  bool is_object() const { return type_ == Type::Object; }
  bool is_integer() const;  // a number with no fractional part

  // Readers: call only after the matching is_...() check.
  bool boolean() const { return bool_; }
  double number() const { return number_; }
  const std::string& string() const { return string_; }
  const std::vector<Json>& items() const { return items_; }
  const std::vector<Member>& members() const { return members_; }

  // Range-for walks an array's items (nothing for other types).
  std::vector<Json>::const_iterator begin() const { return items_.begin(); }
  std::vector<Json>::const_iterator end() const { return items_.end(); }

  std::size_t size() const;
  bool empty() const { return size() == 0; }
  bool contains(std::string_view key) const { return find(key) != nullptr; }
  const Json* find(std::string_view key) const;
  const Json& operator[](std::string_view key) const;  // null when absent
  const Json& operator[](std::size_t index) const;     // null when out of range

  // Writers.
  Json& set(std::string key, Json value);  // replaces an existing member
  Json& push_back(Json value);
  // The same, for a value still to be written in place (the parser fills its tree this way, with
  // no temporary moved into the list): a new null item at the end of the array, or the slot of
  // member `key` (new and null, or the existing one: write it whole).
  Json& push_back_null();
  // Finds or adds: a scan of the members, for writers of small objects.
  Json& member(std::string key);
  // The parsers' way (no scan per key: that was quadratic in the number of keys): a new member at
  // the end, and once the object is closed, drop_repeated_keys() keeps one member per key (the
  // last value, at the first one's place, as JSON.parse) in O(n log n).
  Json& append_member(std::string key);
  void drop_repeated_keys();

  std::string dump() const;
  void dump_to(std::string& out) const;

  // False, with the byte offset of the first error, when `text` is not one JSON value
  // (nesting deeper than `max_depth` and invalid UTF-8 are errors too).
  static bool parse(std::string_view text, Json& out, std::size_t& error_offset, std::size_t max_depth = 256);

  // Key comparisons made so far by member(), find() and drop_repeated_keys(), in this process:
  // the scaling tests (tests/unit/unit-scaling.cpp) count work with it, not time.
  static std::uint64_t key_comparisons();

 private:
  Type type_ = Type::Null;
  bool bool_ = false;
  double number_ = 0;
  std::string string_;
  std::vector<Json> items_;
  std::vector<Member> members_;
};

// Numbers as JSON writes them: integers without a point, others in the shortest of 15 to 17
// significant digits that reads back the same; non-finite numbers as 0. Reading is exact for
// numbers of up to 15 significant digits (prices, counts, times, shares); longer ones may differ
// in the last binary digit, which no rule can tell apart.
void append_number(std::string& out, double value);
// A JSON number (the grammar of RFC 8259), finite, or false.
bool parse_json_number(std::string_view text, double& out);
// Always valid UTF-8 in the output: bytes that are not (input copied from anywhere) are written
// as U+FFFD, so every JSON this writes (saved state, issues, the CLI's --json) reads back.
void append_quoted(std::string& out, std::string_view text);
// ["a","b"]: a JSON array of strings.
void append_quoted_list(std::string& out, const std::vector<std::string>& items);
// Well-formed UTF-8 (no overlong forms, surrogates or code points past U+10FFFF), as the parser
// requires of JSON text; compiled programs hold only such text too.
bool is_valid_utf8(std::string_view text);
// The longest start of `text` of at most `max_bytes` that does not end inside a UTF-8 character:
// where strings are cut to a limit (kMaxStringBytes), so a cut never makes text the loader refuses.
std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes);

}  // namespace seg
