#include "json.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>

namespace seg {
namespace {

const Json kNull;
std::uint64_t key_comparison_count = 0;

// Powers of ten that doubles hold exactly.
constexpr double kExactPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

// value * 10^exponent: exact steps where doubles allow, no libm pow (it is kilobytes in WASM).
double scale_by_pow10(double value, int exponent) {
  while (exponent > 22) {
    value *= 1e22;
    exponent -= 22;
  }
  while (exponent < -22) {
    value /= 1e22;
    exponent += 22;
  }
  return exponent >= 0 ? value * kExactPow10[exponent] : value / kExactPow10[-exponent];
}

void append_unsigned(std::string& out, std::uint64_t v) {
  // Digits from the end of the buffer, appended in one call: saved states are mostly integers,
  // and in the size-built module each single-character append is a call.
  char buffer[24];
  char* first = buffer + sizeof buffer;
  do {
    *--first = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v);
  out.append(first, static_cast<std::size_t>(buffer + sizeof buffer - first));
}

// `digits` significant digits of |value| as an integer and the decimal exponent of its last digit.
void decimal_digits(double value, int digits, std::uint64_t& mantissa, int& exponent) {
  // The decimal exponent from the binary one (log10(2) ~ 0.30103), corrected by one if needed.
  int e2 = 0;
  std::frexp(value, &e2);
  int e10 = static_cast<int>(std::floor((e2 - 1) * 0.30102999566398));
  if (scale_by_pow10(1.0, e10 + 1) <= value) ++e10;
  if (scale_by_pow10(1.0, e10) > value) --e10;
  exponent = e10 - (digits - 1);
  double rounded = std::floor(scale_by_pow10(value, -exponent) + 0.5);
  if (rounded >= kExactPow10[digits]) {  // rounding carried into one more digit
    ++exponent;
    rounded = std::floor(scale_by_pow10(value, -exponent) + 0.5);
  }
  mantissa = static_cast<std::uint64_t>(rounded);
}

std::string format_digits(bool negative, std::uint64_t mantissa, int exponent) {
  std::string digits;
  append_unsigned(digits, mantissa);
  while (digits.size() > 1 && digits.back() == '0') {
    digits.pop_back();
    ++exponent;
  }
  std::string out = negative ? "-" : "";
  const int n = static_cast<int>(digits.size());
  const int point = n + exponent;  // position of the decimal point from the left
  if (exponent >= 0 && point <= 21) {
    out += digits;
    out.append(static_cast<std::size_t>(exponent), '0');
  } else if (point > 0 && point <= 21) {
    out += digits.substr(0, static_cast<std::size_t>(point));
    out += '.';
    out += digits.substr(static_cast<std::size_t>(point));
  } else if (point <= 0 && point > -6) {
    out += "0.";
    out.append(static_cast<std::size_t>(-point), '0');
    out += digits;
  } else {
    out += digits.substr(0, 1);
    if (n > 1) out += "." + digits.substr(1);
    out += 'e';
    const int e = point - 1;
    if (e < 0) out += '-';
    append_unsigned(out, static_cast<std::uint64_t>(e < 0 ? -e : e));
  }
  return out;
}

bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    std::size_t extra = 0;
    unsigned min = 0;
    if (c < 0x80) { ++i; continue; }
    if ((c & 0xE0) == 0xC0) { extra = 1; min = 0x80; }
    else if ((c & 0xF0) == 0xE0) { extra = 2; min = 0x800; }
    else if ((c & 0xF8) == 0xF0) { extra = 3; min = 0x10000; }
    else return false;
    if (i + extra >= s.size()) return false;
    unsigned code = c & (0x3F >> extra);
    for (std::size_t k = 1; k <= extra; ++k) {
      const unsigned char d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xC0) != 0x80) return false;
      code = (code << 6) | (d & 0x3F);
    }
    if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return false;
    i += extra + 1;
  }
  return true;
}

void append_utf8(std::string& out, unsigned code) {
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code >> 18));
    out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
}

class Parser {
 public:
  Parser(std::string_view text, std::size_t max_depth) : s_(text), max_depth_(max_depth) {}

  bool document(Json& out) {
    skip_space();
    if (!value(out, 0)) return false;
    skip_space();
    return pos_ == s_.size() || fail();
  }
  std::size_t error_offset() const { return error_; }

 private:
  bool fail() {
    error_ = pos_;
    return false;
  }
  void skip_space() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\n' || s_[pos_] == '\r' || s_[pos_] == '\t')) ++pos_;
  }
  bool literal(std::string_view word) {
    if (s_.substr(pos_, word.size()) != word) return fail();
    pos_ += word.size();
    return true;
  }

  bool value(Json& out, std::size_t depth) {
    if (pos_ >= s_.size()) return fail();
    switch (s_[pos_]) {
      case '{': return object(out, depth);
      case '[': return array(out, depth);
      case '"': {
        std::string text;
        if (!string(text)) return false;
        out = Json(std::move(text));
        return true;
      }
      case 't': out = Json(true); return literal("true");
      case 'f': out = Json(false); return literal("false");
      case 'n': out = Json(); return literal("null");
      default: return number(out);
    }
  }

  bool object(Json& out, std::size_t depth) {
    if (depth >= max_depth_) return fail();
    out = Json::object();
    ++pos_;
    skip_space();
    if (pos_ < s_.size() && s_[pos_] == '}') {
      ++pos_;
      return true;
    }
    while (true) {
      skip_space();
      if (pos_ >= s_.size() || s_[pos_] != '"') return fail();
      std::string key;
      if (!string(key)) return false;
      skip_space();
      if (pos_ >= s_.size() || s_[pos_] != ':') return fail();
      ++pos_;
      skip_space();
      if (!value(out.append_member(std::move(key)), depth + 1)) return false;
      skip_space();
      if (pos_ >= s_.size()) return fail();
      if (s_[pos_] == ',') { ++pos_; continue; }
      if (s_[pos_] == '}') {
        ++pos_;
        out.drop_repeated_keys();  // a repeated key keeps the last value, as JSON.parse
        return true;
      }
      return fail();
    }
  }

  bool array(Json& out, std::size_t depth) {
    if (depth >= max_depth_) return fail();
    out = Json::array();
    ++pos_;
    skip_space();
    if (pos_ < s_.size() && s_[pos_] == ']') {
      ++pos_;
      return true;
    }
    while (true) {
      skip_space();
      if (!value(out.push_back_null(), depth + 1)) return false;
      skip_space();
      if (pos_ >= s_.size()) return fail();
      if (s_[pos_] == ',') { ++pos_; continue; }
      if (s_[pos_] == ']') { ++pos_; return true; }
      return fail();
    }
  }

  bool hex4(unsigned& code) {
    if (pos_ + 4 > s_.size()) return fail();
    code = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = s_[pos_++];
      code <<= 4;
      if (c >= '0' && c <= '9') code |= static_cast<unsigned>(c - '0');
      else if (c >= 'a' && c <= 'f') code |= static_cast<unsigned>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') code |= static_cast<unsigned>(c - 'A' + 10);
      else { --pos_; return fail(); }
    }
    return true;
  }

  bool string(std::string& out) {
    ++pos_;  // opening quote
    const std::size_t start = pos_;
    while (true) {
      const std::size_t run = pos_;
      while (pos_ < s_.size() && s_[pos_] != '"' && s_[pos_] != '\\' && static_cast<unsigned char>(s_[pos_]) >= 0x20) ++pos_;
      if (!valid_utf8(s_.substr(run, pos_ - run))) {
        pos_ = run;
        return fail();
      }
      out.append(s_.data() + run, pos_ - run);
      if (pos_ >= s_.size() || static_cast<unsigned char>(s_[pos_]) < 0x20) return fail();
      if (s_[pos_] == '"') {
        ++pos_;
        return true;
      }
      ++pos_;  // backslash
      if (pos_ >= s_.size()) return fail();
      const char e = s_[pos_++];
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          unsigned code = 0;
          if (!hex4(code)) return false;
          if (code >= 0xD800 && code <= 0xDBFF) {  // a surrogate pair
            unsigned low = 0;
            if (pos_ + 2 > s_.size() || s_[pos_] != '\\' || s_[pos_ + 1] != 'u') return fail();
            pos_ += 2;
            if (!hex4(low) || low < 0xDC00 || low > 0xDFFF) return fail();
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
          } else if (code >= 0xDC00 && code <= 0xDFFF) {
            return fail();
          }
          append_utf8(out, code);
          break;
        }
        default: --pos_; return fail();
      }
    }
    (void)start;
  }

  bool number(Json& out) {
    const std::size_t start = pos_;
    while (pos_ < s_.size() && (std::isdigit(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '-' || s_[pos_] == '+' ||
                                s_[pos_] == '.' || s_[pos_] == 'e' || s_[pos_] == 'E'))
      ++pos_;
    double value = 0;
    if (!parse_json_number(s_.substr(start, pos_ - start), value)) {
      pos_ = start;
      return fail();
    }
    out = Json(value);
    return true;
  }

  std::string_view s_;
  std::size_t pos_ = 0;
  std::size_t error_ = 0;
  std::size_t max_depth_;
};

}  // namespace

bool is_valid_utf8(std::string_view text) { return valid_utf8(text); }

std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t cut = max_bytes;
  // Back to the first byte of the character the cut falls in (continuation bytes are 10xxxxxx).
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut);
}

Json::Json(const std::vector<std::string>& list) : type_(Type::Array) {
  items_.reserve(list.size());
  for (const auto& s : list) items_.emplace_back(s);
}

bool Json::is_integer() const {
  return type_ == Type::Number && std::isfinite(number_) && number_ == std::floor(number_);
}

std::size_t Json::size() const {
  if (type_ == Type::Array) return items_.size();
  if (type_ == Type::Object) return members_.size();
  return 0;
}

const Json* Json::find(std::string_view key) const {
  if (type_ != Type::Object) return nullptr;
  for (const auto& m : members_) {
    ++key_comparison_count;
    if (m.first == key) return &m.second;
  }
  return nullptr;
}

std::uint64_t Json::key_comparisons() { return key_comparison_count; }

const Json& Json::operator[](std::string_view key) const {
  const Json* found = find(key);
  return found ? *found : kNull;
}

const Json& Json::operator[](std::size_t index) const {
  return type_ == Type::Array && index < items_.size() ? items_[index] : kNull;
}

Json& Json::set(std::string key, Json value) { return member(std::move(key)) = std::move(value); }

Json& Json::push_back_null() {
  if (type_ != Type::Array) *this = array();
  return items_.emplace_back();
}

Json& Json::member(std::string key) {
  if (type_ != Type::Object) *this = object();
  for (auto& m : members_) {
    ++key_comparison_count;
    if (m.first == key) return m.second;
  }
  return members_.emplace_back(std::move(key), Json()).second;
}

Json& Json::append_member(std::string key) {
  if (type_ != Type::Object) *this = object();
  return members_.emplace_back(std::move(key), Json()).second;
}

void Json::drop_repeated_keys() {
  const std::size_t n = members_.size();
  if (n < 2) return;
  // Small objects (a saved state's hundreds of them) compare pairwise, at most 120 compares;
  // larger ones find each key's first place in a map: n log n. A repeated key moves its value to
  // the first place and is dropped. (The map's calls are the ones Profile's index makes: no new
  // code in the storefront's download.)
  bool dropped[16] = {};
  std::map<std::string, int> first;
  bool any = false;
  for (std::size_t i = 0; i < n; ++i) {
    const std::string& key = members_[i].first;
    std::size_t at = i;
    if (n <= 16) {
      for (std::size_t j = 0; j < i && at == i; ++j, ++key_comparison_count)
        if (!dropped[j] && members_[j].first == key) at = j;
      dropped[i] = at != i;
    } else {
      key_comparison_count += 64 - static_cast<unsigned>(__builtin_clzll(n));  // a lookup: log2 n compares
      at = static_cast<std::size_t>(first.emplace(key, static_cast<int>(i)).first->second);
    }
    if (at == i) continue;
    members_[at].second = std::move(members_[i].second);
    any = true;
  }
  if (!any) return;
  std::size_t kept = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const bool repeated = n <= 16 ? dropped[i] : first.find(members_[i].first)->second != static_cast<int>(i);
    if (repeated) continue;
    if (kept != i) members_[kept] = std::move(members_[i]);
    ++kept;
  }
  members_.resize(kept);
}

Json& Json::push_back(Json value) { return push_back_null() = std::move(value); }

void append_quoted(std::string& out, std::string_view text) {
  static const char hex[] = "0123456789abcdef";
  if (!valid_utf8(text)) {
    // Rare: each well-formed character is kept, every other byte becomes U+FFFD.
    std::string repaired;
    for (std::size_t i = 0; i < text.size();) {
      std::size_t n = 1;
      while (n < 4 && i + n < text.size() && (static_cast<unsigned char>(text[i + n]) & 0xC0) == 0x80) ++n;
      for (; n > 0 && !valid_utf8(text.substr(i, n)); --n) {}
      if (n == 0) {
        repaired += "\xEF\xBF\xBD";
        n = 1;
      } else {
        repaired.append(text.data() + i, n);
      }
      i += n;
    }
    append_quoted(out, repaired);
    return;
  }
  out += '"';
  for (char ch : text) {
    const unsigned char c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out += hex[c >> 4];
          out += hex[c & 15];
        } else {
          out += ch;
        }
    }
  }
  out += '"';
}

void append_number(std::string& out, double value) {
  if (!std::isfinite(value)) {
    out += '0';
    return;
  }
  if (value == std::floor(value) && std::fabs(value) < 1e17) {
    if (value < 0) out += '-';
    append_unsigned(out, static_cast<std::uint64_t>(std::fabs(value)));
    return;
  }
  const bool negative = value < 0;
  const double magnitude = std::fabs(value);
  std::string best;
  for (int digits = 15; digits <= 17; ++digits) {
    std::uint64_t mantissa = 0;
    int exponent = 0;
    decimal_digits(magnitude, digits, mantissa, exponent);
    best = format_digits(negative, mantissa, exponent);
    double back = 0;
    if (parse_json_number(best, back) && back == value) break;
  }
  out += best;
}

bool parse_json_number(std::string_view t, double& out) {
  std::size_t i = 0;
  const bool negative = i < t.size() && t[i] == '-';
  if (negative) ++i;
  if (i >= t.size() || !std::isdigit(static_cast<unsigned char>(t[i]))) return false;
  if (t[i] == '0' && i + 1 < t.size() && std::isdigit(static_cast<unsigned char>(t[i + 1]))) return false;  // no leading zeros
  std::uint64_t mantissa = 0;
  int exponent = 0, kept = 0;
  auto digit = [&](char c, bool fraction) {
    if (kept < 19) {
      mantissa = mantissa * 10 + static_cast<std::uint64_t>(c - '0');
      if (mantissa) ++kept;
      if (fraction) --exponent;
    } else if (!fraction) {
      ++exponent;  // digits beyond 19 only scale
    }
  };
  while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) digit(t[i++], false);
  if (i < t.size() && t[i] == '.') {
    ++i;
    if (i >= t.size() || !std::isdigit(static_cast<unsigned char>(t[i]))) return false;
    while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) digit(t[i++], true);
  }
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    bool minus = false;
    if (i < t.size() && (t[i] == '+' || t[i] == '-')) minus = t[i++] == '-';
    if (i >= t.size() || !std::isdigit(static_cast<unsigned char>(t[i]))) return false;
    int e = 0;
    while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) {
      if (e < 100000) e = e * 10 + (t[i] - '0');
      ++i;
    }
    exponent += minus ? -e : e;
  }
  if (i != t.size()) return false;
  double value = 0;
  if (mantissa != 0) {
    if (exponent < -400) value = 0;
    else if (exponent > 400) return false;
    else value = scale_by_pow10(static_cast<double>(mantissa), exponent);
  }
  if (!std::isfinite(value)) return false;
  out = negative ? -value : value;
  return true;
}

void Json::dump_to(std::string& out) const {
  switch (type_) {
    case Type::Null: out += "null"; break;
    case Type::Bool: out += bool_ ? "true" : "false"; break;
    case Type::Number: append_number(out, number_); break;
    case Type::String: append_quoted(out, string_); break;
    case Type::Array:
      out += '[';
      for (std::size_t i = 0; i < items_.size(); ++i) {
        if (i) out += ',';
        items_[i].dump_to(out);
      }
      out += ']';
      break;
    case Type::Object: {
      // Sorted keys: the same document always dumps to the same bytes.
      std::vector<const Member*> order;
      order.reserve(members_.size());
      for (const auto& m : members_) order.push_back(&m);
      std::sort(order.begin(), order.end(), [](const Member* a, const Member* b) { return a->first < b->first; });
      out += '{';
      for (std::size_t i = 0; i < order.size(); ++i) {
        if (i) out += ',';
        append_quoted(out, order[i]->first);
        out += ':';
        order[i]->second.dump_to(out);
      }
      out += '}';
      break;
    }
  }
}

std::string Json::dump() const {
  std::string out;
  dump_to(out);
  return out;
}

bool Json::parse(std::string_view text, Json& out, std::size_t& error_offset, std::size_t max_depth) {
  Parser parser(text, max_depth);
  Json result;
  if (!parser.document(result)) {
    error_offset = parser.error_offset();
    return false;
  }
  out = std::move(result);
  return true;
}

void append_quoted_list(std::string& out, const std::vector<std::string>& items) {
  out += '[';
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    append_quoted(out, items[i]);
  }
  out += ']';
}

}  // namespace seg
