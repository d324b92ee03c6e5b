// A validating JSON scanner over one row, without building a document: what the GA4 export reader
// runs for every row. It accepts exactly the JSON that nlohmann::json accepts (RFC 8259, UTF-8 per
// RFC 3629, numbers that are finite as doubles), checked by tests/fuzz/fuzz_ga4_row.cpp, and reads
// past what the caller does not need at a few instructions per byte.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace seg {

class JsonScan {
 public:
  enum class Failure { None, Syntax, TooDeep };
  static constexpr int kMaxDepth = 64;

  explicit JsonScan(std::string_view text) : begin_(text.data()), p_(text.data()), end_(text.data() + text.size()) {}

  Failure failure() const { return failure_; }
  std::size_t column() const { return static_cast<std::size_t>(p_ - begin_) + 1; }
  const char* position() const { return p_; }
  bool at_end() {
    space();
    return p_ == end_;
  }
  char peek() {
    space();
    return p_ < end_ ? *p_ : '\0';
  }
  bool consume(char c) {
    space();
    if (p_ < end_ && *p_ == c) {
      ++p_;
      return true;
    }
    return false;
  }
  // Expects `c`; a syntax failure when it is not there.
  bool expect(char c) { return consume(c) || fail(); }

  // A string; `out` views the row when it has no escapes, else `scratch` holding it decoded.
  bool string(std::string_view& out, std::string& scratch);
  // Any value, checked and not kept; `depth` is how deep the value sits.
  bool skip(int depth);
  // A number's text, checked; `integral`: no fraction and no exponent.
  bool number(std::string_view& text, bool& integral);
  bool literal(std::string_view word);

  bool fail(Failure why = Failure::Syntax) {
    if (failure_ == Failure::None) failure_ = why;
    return false;
  }

 private:
  void space() {
    while (p_ < end_ && (*p_ == ' ' || *p_ == '\t' || *p_ == '\r' || *p_ == '\n')) ++p_;
  }
  bool utf8_sequence();
  bool escape(std::string* decoded);
  bool skip_string();

  const char* begin_;
  const char* p_;
  const char* end_;
  Failure failure_ = Failure::None;
};

// The double a JSON number's text stands for, as nlohmann::json gives it: integers that fit 64 bits
// converted from the integer, everything else by strtod. False when it is not finite.
bool json_number_value(std::string_view text, bool integral, double& out);
// A whole number written in decimal with an optional minus ("-12", "0042"), fitting 64 bits.
bool decimal_int64(std::string_view text, std::int64_t& out);

}  // namespace seg
