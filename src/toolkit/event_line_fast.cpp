// The replay hot path: a hand-written reader for plain event lines. It runs about a ninth of the
// instructions of building a JSON document per line (measured on the OTTO sample's lines).
// It accepts a strict subset of what the JSON path accepts and must produce exactly the same
// EventLine for it (tests/fuzz/fuzz_event_line.cpp checks this).
// Whenever a line leaves that subset (escapes, traits/context/record, a repeated key, a number
// that needs a full strtod, anything malformed), it returns false and the JSON path decides.
#include <cstdint>
#include <cstring>
#include <tuple>
#include <utility>

#include "toolkit/event_line.hpp"
#include "toolkit/json_string_bytes.hpp"

namespace seg {
namespace {

// Powers of ten that a double holds exactly: a mantissa below 2^53 scaled by one of them is
// correctly rounded (Clinger's fast path), so the result equals strtod's.
constexpr double kExactPowersOfTen[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                        1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                        1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
constexpr int kMaxSignificantDigits = 15;  // 10^15 < 2^53
constexpr std::size_t kMaxKeys = 24;  // more keys than this: leave it to the JSON path

class Reader {
 public:
  explicit Reader(std::string_view text) : p_(text.data()), end_(text.data() + text.size()) {}

  bool at_end() const { return p_ == end_; }
  char peek() const { return p_ < end_ ? *p_ : '\0'; }

  void skip_space() {
    if (p_ < end_ && static_cast<unsigned char>(*p_) > ' ') return;  // the usual case: no space
    const char* p = p_;
    while (p < end_ && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')) ++p;
    p_ = p;
  }

  bool consume(char c) {
    skip_space();
    if (p_ < end_ && *p_ == c) {
      ++p_;
      return true;
    }
    return false;
  }

  // A string without escapes or control characters, valid UTF-8.
  // (Scans with a local pointer: a char read may alias the member, which would force a reload.)
  bool string(std::string_view& out) {
    skip_space();
    if (p_ >= end_ || *p_ != '"') return false;
    const char* const start = ++p_;
    const char* const end = end_;
    for (;;) {
      const char* p = p_;
      while (p < end && !kNeedsAttention[static_cast<unsigned char>(*p)]) ++p;
      p_ = p;
      if (p >= end) return false;
      const auto c = static_cast<unsigned char>(*p);
      if (c == '"') {
        out = std::string_view(start, static_cast<std::size_t>(p - start));
        p_ = p + 1;
        return true;
      }
      if (c < 0x80 || !utf8_sequence()) return false;  // an escape or a control character
    }
  }

  // A JSON number that converts exactly without strtod. `integral` tells a plain integer (no
  // fraction, no exponent), whose value is then also in `whole`.
  bool number(double& value, bool& integral, std::int64_t& whole) {
    skip_space();
    const char* p = p_;
    const char* const end = end_;
    const bool negative = p < end && *p == '-';
    if (negative) ++p;
    if (p >= end || !is_digit(*p)) return false;
    std::uint64_t mantissa = 0;
    int significant = 0;  // digits from the first non-zero one
    int exponent10 = 0;
    if (*p == '0') {
      ++p;
      if (p < end && is_digit(*p)) return false;  // leading zero
    } else {
      const char* first = p;
      while (p < end && is_digit(*p)) mantissa = mantissa * 10 + static_cast<std::uint64_t>(*p++ - '0');
      significant = static_cast<int>(p - first);
      if (significant > kMaxSignificantDigits) return false;  // (mantissa may have wrapped: unused)
    }
    integral = true;
    if (p < end && *p == '.') {
      integral = false;
      ++p;
      if (p >= end || !is_digit(*p)) return false;
      for (; p < end && is_digit(*p); ++p) {
        --exponent10;
        if (mantissa == 0 && *p == '0') continue;  // leading zeros of a fraction are not significant
        if (++significant > kMaxSignificantDigits) return false;
        mantissa = mantissa * 10 + static_cast<std::uint64_t>(*p - '0');
      }
    }
    if (p < end && (*p == 'e' || *p == 'E')) {
      integral = false;
      ++p;
      bool exponent_negative = false;
      if (p < end && (*p == '+' || *p == '-')) exponent_negative = *p++ == '-';
      if (p >= end || !is_digit(*p)) return false;
      int written = 0;
      int digits = 0;
      for (; p < end && is_digit(*p); ++p) {
        if (++digits > 4) return false;
        written = written * 10 + (*p - '0');
      }
      exponent10 += exponent_negative ? -written : written;
    }
    p_ = p;
    if (integral) {
      whole = negative ? -static_cast<std::int64_t>(mantissa) : static_cast<std::int64_t>(mantissa);
      value = static_cast<double>(whole);
      return true;
    }
    double magnitude = static_cast<double>(mantissa);
    if (mantissa != 0) {
      if (exponent10 < -22 || exponent10 > 22) return false;
      magnitude = exponent10 < 0 ? magnitude / kExactPowersOfTen[-exponent10]
                                 : magnitude * kExactPowersOfTen[exponent10];
    }
    value = negative ? -magnitude : magnitude;
    return true;
  }

  bool literal(std::string_view word) {
    skip_space();
    if (static_cast<std::size_t>(end_ - p_) < word.size()) return false;
    if (std::string_view(p_, word.size()) != word) return false;
    p_ += word.size();
    return true;
  }

 private:
  static bool is_digit(char c) { return c >= '0' && c <= '9'; }

  // One multi-byte UTF-8 sequence at p_ (RFC 3629: no overlongs, no surrogates, <= U+10FFFF),
  // the same set the JSON parser accepts.
  bool utf8_sequence() {
    const auto byte = [&](std::ptrdiff_t i) {
      return p_ + i < end_ ? static_cast<unsigned char>(p_[i]) : 0u;
    };
    const unsigned lead = byte(0);
    const auto in = [](unsigned b, unsigned lo, unsigned hi) { return b >= lo && b <= hi; };
    int length = 0;
    if (in(lead, 0xC2, 0xDF)) {
      length = in(byte(1), 0x80, 0xBF) ? 2 : 0;
    } else if (lead == 0xE0) {
      length = in(byte(1), 0xA0, 0xBF) && in(byte(2), 0x80, 0xBF) ? 3 : 0;
    } else if (in(lead, 0xE1, 0xEC) || in(lead, 0xEE, 0xEF)) {
      length = in(byte(1), 0x80, 0xBF) && in(byte(2), 0x80, 0xBF) ? 3 : 0;
    } else if (lead == 0xED) {
      length = in(byte(1), 0x80, 0x9F) && in(byte(2), 0x80, 0xBF) ? 3 : 0;
    } else if (lead == 0xF0) {
      length = in(byte(1), 0x90, 0xBF) && in(byte(2), 0x80, 0xBF) && in(byte(3), 0x80, 0xBF) ? 4 : 0;
    } else if (in(lead, 0xF1, 0xF3)) {
      length = in(byte(1), 0x80, 0xBF) && in(byte(2), 0x80, 0xBF) && in(byte(3), 0x80, 0xBF) ? 4 : 0;
    } else if (lead == 0xF4) {
      length = in(byte(1), 0x80, 0x8F) && in(byte(2), 0x80, 0xBF) && in(byte(3), 0x80, 0xBF) ? 4 : 0;
    }
    p_ += length;
    return length != 0;
  }

  const char* p_;
  const char* end_;
};

// Keys of one object, to leave repeated keys (last one wins) to the JSON path.
// Plain pointer/length pairs, left uninitialised: this runs for every line.
class KeySet {
 public:
  bool insert(std::string_view key) {
    if (count_ == kMaxKeys) return false;
    for (std::size_t i = 0; i < count_; ++i) {
      if (keys_[i].size == key.size() && std::memcmp(keys_[i].data, key.data(), key.size()) == 0) return false;
    }
    keys_[count_++] = Key{key.data(), key.size()};
    return true;
  }

 private:
  struct Key {
    const char* data;
    std::size_t size;
  };
  Key keys_[kMaxKeys];
  std::size_t count_ = 0;
};

// Builds the field's strings in place from the line (no temporaries to move).
void add_string(Event& event, std::string_view key, std::string_view text) {
  event.strings.emplace_back(std::piecewise_construct, std::forward_as_tuple(key), std::forward_as_tuple(text));
}

// Which of the keys that mean something to a line this is; compares lengths first, since
// nearly every key of an event line is a field name.
enum class LineKey { Field, Visitor, Ts, Type, Other };  // Other: traits, context, record
LineKey classify(std::string_view key) {
  switch (key.size()) {
    case 2: return key == "ts" ? LineKey::Ts : LineKey::Field;
    case 4: return key == "type" ? LineKey::Type : LineKey::Field;
    case 6: return key == "traits" || key == "record" ? LineKey::Other : LineKey::Field;
    case 7: return key == "visitor" ? LineKey::Visitor : key == "context" ? LineKey::Other : LineKey::Field;
    default: return LineKey::Field;
  }
}

// An object inside a list (a purchase's item): string members become fields; numbers, booleans
// and null are read and ignored; anything nested goes to the JSON path.
bool read_item(Reader& in, Event& event) {
  KeySet keys;
  if (in.consume('}')) return true;
  do {
    std::string_view key;
    std::string_view text;
    if (!in.string(key) || !keys.insert(key) || !in.consume(':')) return false;
    in.skip_space();
    const char c = in.peek();
    if (c == '"') {
      if (!in.string(text)) return false;
      add_string(event, key, text);
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      double ignored;
      bool integral;
      std::int64_t whole;
      if (!in.number(ignored, integral, whole)) return false;
    } else if (!in.literal("true") && !in.literal("false") && !in.literal("null")) {
      return false;
    }
  } while (in.consume(','));
  return in.consume('}');
}

// One scalar of an event field, or an item object when inside a list.
bool read_field_value(Reader& in, std::string_view key, Event& event, bool in_list) {
  in.skip_space();
  const char c = in.peek();
  if (c == '"') {
    std::string_view text;
    if (!in.string(text)) return false;
    add_string(event, key, text);
    return true;
  }
  if (c == '-' || (c >= '0' && c <= '9')) {
    double value;
    bool integral;
    std::int64_t whole;
    if (!in.number(value, integral, whole)) return false;
    event.numbers.emplace_back(std::piecewise_construct, std::forward_as_tuple(key), std::forward_as_tuple(value));
    return true;
  }
  if (in.literal("true")) {
    add_string(event, key, "true");
    return true;
  }
  if (in.literal("false")) {
    add_string(event, key, "false");
    return true;
  }
  if (in.literal("null")) return true;
  if (in_list && in.consume('{')) return read_item(in, event);
  return false;
}

bool read_field(Reader& in, std::string_view key, Event& event) {
  if (!in.consume('[')) return read_field_value(in, key, event, false);
  if (in.consume(']')) return true;
  do {
    if (!read_field_value(in, key, event, true)) return false;
  } while (in.consume(','));
  return in.consume(']');
}

}  // namespace

bool parse_event_line_fast(std::string_view line, EventLine& out) {
  out.clear();
  Reader in(line);
  KeySet keys;
  bool has_visitor = false;
  bool has_ts = false;
  bool has_type = false;
  if (!in.consume('{')) return false;
  do {
    std::string_view key;
    if (!in.string(key) || !keys.insert(key) || !in.consume(':')) return false;
    const LineKey which = classify(key);
    if (which == LineKey::Visitor) {
      std::string_view visitor;
      if (!in.string(visitor) || visitor.empty() || visitor.size() > kMaxStringBytes) return false;
      out.visitor.assign(visitor);
      has_visitor = true;
    } else if (which == LineKey::Ts) {
      double value;
      bool integral;
      std::int64_t whole;
      if (!in.number(value, integral, whole) || !integral) return false;
      out.ts = whole;
      has_ts = true;
    } else if (which == LineKey::Type) {
      std::string_view type;
      if (!in.string(type) || type.empty()) return false;
      out.event.type.assign(type);
      has_type = true;
    } else if (which == LineKey::Other) {
      return false;
    } else if (!read_field(in, key, out.event)) {
      return false;
    }
  } while (in.consume(','));
  if (!in.consume('}')) return false;
  in.skip_space();
  return in.at_end() && has_visitor && has_ts && has_type;
}

}  // namespace seg
