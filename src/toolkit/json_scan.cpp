#include "toolkit/json_scan.hpp"
#include "toolkit/json_string_bytes.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>

namespace seg {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Eight bytes at a time: how many leading bytes of the word at `p` need no attention (plain
// ASCII, not a quote, backslash or control character). Reads through memcpy: any alignment.
inline std::size_t plain_prefix(const char* p) {
  std::uint64_t word;
  std::memcpy(&word, p, 8);
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
  const auto zero_byte = [&](std::uint64_t x) { return (x - kOnes) & ~x & kHigh; };
  const std::uint64_t attention = zero_byte(word ^ (kOnes * '"')) | zero_byte(word ^ (kOnes * '\\')) |
                                  ((word - kOnes * 0x20) & ~word & kHigh) | (word & kHigh);
  if (attention == 0) return 8;
  // The lowest flagged byte (little-endian: the first in memory); a false flag only ever comes
  // after a true one, so the first flag is exact.
  return static_cast<std::size_t>(__builtin_ctzll(attention) / 8);
}

// Moves p past plain bytes, at most to end.
inline const char* skip_plain(const char* p, const char* end) {
  while (end - p >= 8) {
    const std::size_t n = plain_prefix(p);
    p += n;
    if (n < 8) return p;
  }
  while (p < end && !kNeedsAttention[static_cast<unsigned char>(*p)]) ++p;
  return p;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void append_utf8(std::string& out, std::uint32_t code) {
  if (code < 0x80) {
    out.push_back(static_cast<char>(code));
  } else if (code < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (code >> 6)));
    out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
  } else if (code < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (code >> 12)));
    out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (code >> 18)));
    out.push_back(static_cast<char>(0x80 | ((code >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
  }
}

}  // namespace

// One multi-byte UTF-8 sequence at p_ (RFC 3629: no overlongs, no surrogates, <= U+10FFFF).
bool JsonScan::utf8_sequence() {
  const auto byte = [&](std::ptrdiff_t i) { return p_ + i < end_ ? static_cast<unsigned char>(p_[i]) : 0u; };
  const unsigned lead = byte(0);
  const auto in = [](unsigned b, unsigned lo, unsigned hi) { return b >= lo && b <= hi; };
  const bool tail1 = in(byte(1), 0x80, 0xBF), tail2 = in(byte(2), 0x80, 0xBF), tail3 = in(byte(3), 0x80, 0xBF);
  int length = 0;
  if (in(lead, 0xC2, 0xDF)) length = tail1 ? 2 : 0;
  else if (lead == 0xE0) length = in(byte(1), 0xA0, 0xBF) && tail2 ? 3 : 0;
  else if (in(lead, 0xE1, 0xEC) || in(lead, 0xEE, 0xEF)) length = tail1 && tail2 ? 3 : 0;
  else if (lead == 0xED) length = in(byte(1), 0x80, 0x9F) && tail2 ? 3 : 0;
  else if (lead == 0xF0) length = in(byte(1), 0x90, 0xBF) && tail2 && tail3 ? 4 : 0;
  else if (in(lead, 0xF1, 0xF3)) length = tail1 && tail2 && tail3 ? 4 : 0;
  else if (lead == 0xF4) length = in(byte(1), 0x80, 0x8F) && tail2 && tail3 ? 4 : 0;
  p_ += length;
  return length != 0;
}

// An escape at p_ (the backslash); appended to `decoded` when given.
bool JsonScan::escape(std::string* decoded) {
  if (end_ - p_ < 2) return false;
  const char kind = p_[1];
  char plain = 0;
  switch (kind) {
    case '"': plain = '"'; break;
    case '\\': plain = '\\'; break;
    case '/': plain = '/'; break;
    case 'b': plain = '\b'; break;
    case 'f': plain = '\f'; break;
    case 'n': plain = '\n'; break;
    case 'r': plain = '\r'; break;
    case 't': plain = '\t'; break;
    case 'u': break;
    default: return false;
  }
  if (kind != 'u') {
    p_ += 2;
    if (decoded) decoded->push_back(plain);
    return true;
  }
  const auto unit = [&](const char* at, std::uint32_t& out) {
    if (end_ - at < 6 || at[0] != '\\' || at[1] != 'u') return false;
    out = 0;
    for (int i = 2; i < 6; ++i) {
      const int digit = hex_digit(at[i]);
      if (digit < 0) return false;
      out = out * 16 + static_cast<std::uint32_t>(digit);
    }
    return true;
  };
  std::uint32_t code = 0;
  if (!unit(p_, code)) return false;
  p_ += 6;
  if (code >= 0xDC00 && code <= 0xDFFF) return false;  // a low surrogate alone
  if (code >= 0xD800 && code <= 0xDBFF) {
    std::uint32_t low = 0;
    if (!unit(p_, low) || low < 0xDC00 || low > 0xDFFF) return false;
    p_ += 6;
    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
  }
  if (decoded) append_utf8(*decoded, code);
  return true;
}

bool JsonScan::string(std::string_view& out, std::string& scratch) {
  space();
  if (p_ >= end_ || *p_ != '"') return fail();
  const char* const start = ++p_;
  bool decoding = false;
  for (;;) {
    const char* run = p_;
    p_ = skip_plain(p_, end_);
    if (decoding) scratch.append(run, static_cast<std::size_t>(p_ - run));
    if (p_ >= end_) return fail();
    const auto c = static_cast<unsigned char>(*p_);
    if (c == '"') {
      out = decoding ? std::string_view(scratch) : std::string_view(start, static_cast<std::size_t>(p_ - start));
      ++p_;
      return true;
    }
    if (c == '\\') {
      if (!decoding) {
        decoding = true;
        scratch.assign(start, static_cast<std::size_t>(p_ - start));
      }
      if (!escape(&scratch)) return fail();
      continue;
    }
    if (c < 0x80) return fail();  // a control character
    const char* sequence = p_;
    if (!utf8_sequence()) return fail();
    if (decoding) scratch.append(sequence, static_cast<std::size_t>(p_ - sequence));
  }
}

bool JsonScan::skip_string() {
  ++p_;  // the opening quote
  for (;;) {
    const char* p = skip_plain(p_, end_);
    p_ = p;
    if (p >= end_) return fail();
    const auto c = static_cast<unsigned char>(*p);
    if (c == '"') {
      ++p_;
      return true;
    }
    if (c == '\\') {
      if (!escape(nullptr)) return fail();
    } else if (c < 0x80 || !utf8_sequence()) {
      return fail();
    }
  }
}

bool JsonScan::number(std::string_view& text, bool& integral) {
  space();
  const char* const start = p_;
  const char* p = p_;
  if (p < end_ && *p == '-') ++p;
  if (p >= end_ || !is_digit(*p)) return fail();
  if (*p == '0') {
    ++p;
  } else {
    while (p < end_ && is_digit(*p)) ++p;
  }
  integral = true;
  bool exponent = false;
  if (p < end_ && *p == '.') {
    integral = false;
    ++p;
    if (p >= end_ || !is_digit(*p)) return fail();
    while (p < end_ && is_digit(*p)) ++p;
  }
  if (p < end_ && (*p == 'e' || *p == 'E')) {
    integral = false;
    exponent = true;
    ++p;
    if (p < end_ && (*p == '+' || *p == '-')) ++p;
    if (p >= end_ || !is_digit(*p)) return fail();
    while (p < end_ && is_digit(*p)) ++p;
  }
  p_ = p;
  text = std::string_view(start, static_cast<std::size_t>(p - start));
  // Without an exponent, fewer than 300 digits cannot overflow a double; otherwise ask strtod
  // (nlohmann refuses a number that is not finite).
  if (exponent || text.size() > 300) {
    double ignored;
    if (!json_number_value(text, integral, ignored)) return fail();
  }
  return true;
}

bool JsonScan::literal(std::string_view word) {
  space();
  if (static_cast<std::size_t>(end_ - p_) < word.size()) return fail();
  for (std::size_t i = 0; i < word.size(); ++i)
    if (p_[i] != word[i]) return fail();
  p_ += word.size();
  return true;
}

bool JsonScan::skip(int depth) {
  space();
  if (p_ >= end_) return fail();
  switch (*p_) {
    case '"': return skip_string();
    case '{':
    case '[': {
      if (depth >= kMaxDepth) return fail(Failure::TooDeep);
      const bool object = *p_ == '{';
      const char close = object ? '}' : ']';
      ++p_;
      if (consume(close)) return true;
      do {
        if (object) {
          space();
          if (p_ >= end_ || *p_ != '"' || !skip_string() || !expect(':')) return fail();
        }
        if (!skip(depth + 1)) return false;
      } while (consume(','));
      return expect(close);
    }
    case 't': return literal("true");
    case 'f': return literal("false");
    case 'n': return literal("null");
    default: {
      std::string_view text;
      bool integral;
      return number(text, integral);
    }
  }
}

bool json_number_value(std::string_view text, bool integral, double& out) {
  if (integral) {
    if (text[0] == '-') {
      std::int64_t whole;
      const auto r = std::from_chars(text.data(), text.data() + text.size(), whole);
      if (r.ec == std::errc() && r.ptr == text.data() + text.size()) {
        out = static_cast<double>(whole);
        return true;
      }
    } else {
      std::uint64_t whole;
      const auto r = std::from_chars(text.data(), text.data() + text.size(), whole);
      if (r.ec == std::errc() && r.ptr == text.data() + text.size()) {
        out = static_cast<double>(whole);
        return true;
      }
    }
  }
  // Clinger's fast path: at most 15 significant digits and a power of ten a double holds exactly
  // give the correctly rounded result strtod would (most prices and amounts).
  {
    static constexpr double kPowers[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
                                         1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    std::size_t i = 0;
    const bool negative = text[0] == '-';
    if (negative) ++i;
    std::uint64_t mantissa = 0;
    int significant = 0, exponent = 0;
    bool usable = true;
    for (; i < text.size() && is_digit(text[i]); ++i) {
      if (mantissa == 0 && text[i] == '0') continue;
      mantissa = mantissa * 10 + static_cast<std::uint64_t>(text[i] - '0');
      ++significant;
    }
    if (i < text.size() && text[i] == '.') {
      for (++i; i < text.size() && is_digit(text[i]); ++i) {
        --exponent;
        if (mantissa == 0 && text[i] == '0') continue;
        mantissa = mantissa * 10 + static_cast<std::uint64_t>(text[i] - '0');
        ++significant;
      }
    }
    if (i < text.size()) usable = false;  // an exponent: leave it to strtod
    if (usable && significant <= 15 && exponent >= -22) {
      double magnitude = static_cast<double>(mantissa);
      if (mantissa != 0) magnitude /= kPowers[-exponent];
      out = negative ? -magnitude : magnitude;
      return true;
    }
  }
  const std::string copy(text);  // strtod wants a terminated string
  out = std::strtod(copy.c_str(), nullptr);
  return std::isfinite(out);
}

bool decimal_int64(std::string_view text, std::int64_t& out) {
  if (text.empty()) return false;
  const char* const end = text.data() + text.size();
  const auto r = std::from_chars(text.data(), end, out);
  return r.ec == std::errc() && r.ptr == end;
}

}  // namespace seg
