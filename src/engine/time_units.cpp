#include "text_number.hpp"
#include "time_units.hpp"

#include <cstdint>
#include <iterator>

namespace seg {
namespace {

bool parse_uint(std::string_view digits, long long& out, long long limit) {
  if (digits.empty() || digits.size() > 12) return false;
  long long value = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
    if (value > limit) return false;
  }
  out = value;
  return true;
}

// Howard Hinnant's days_from_civil: proleptic Gregorian date -> days since the epoch.
long long days_from_civil(long long y, unsigned m, unsigned d) {
  y -= m <= 2;
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long long>(doe) - 719468;
}

}  // namespace

namespace {

// A unit written as a word ("days", "hour", "min"), lower case: its suffix; 0 when it is none.
char unit_of_word(std::string_view word) {
  static const struct { std::string_view word; char suffix; } words[] = {
      {"second", 's'}, {"seconds", 's'}, {"sec", 's'}, {"secs", 's'},
      {"minute", 'm'}, {"minutes", 'm'}, {"min", 'm'}, {"mins", 'm'},
      {"hour", 'h'}, {"hours", 'h'}, {"hr", 'h'}, {"hrs", 'h'},
      {"day", 'd'}, {"days", 'd'},
      {"week", 'w'}, {"weeks", 'w'}};
  for (const auto& w : words)
    if (w.word == word) return w.suffix;
  return 0;
}

// The number and unit of "<N><unit>" or "<N> <unit word>" (one space, lower case, as the studio
// and owners write it: "7 days", "1 week", "36 hours"); false when it is neither.
bool split_duration(std::string_view text, std::string_view& digits, char& suffix) {
  if (text.size() < 2 || text.size() > 32) return false;
  std::size_t end = 0;
  while (end < text.size() && text[end] >= '0' && text[end] <= '9') ++end;
  if (end == 0) return false;
  digits = text.substr(0, end);
  std::string_view rest = text.substr(end);
  if (rest.size() == 1) {
    suffix = rest[0];
  } else {
    if (rest.size() < 2 || rest[0] != ' ') return false;
    suffix = unit_of_word(rest.substr(1));
  }
  for (const auto& u : kDurationUnits)
    if (u.suffix == suffix) return true;
  return false;
}

}  // namespace

std::optional<Millis> parse_duration(std::string_view text) {
  std::string_view digits;
  char suffix = 0;
  if (!split_duration(text, digits, suffix)) return std::nullopt;
  Millis unit = 0;
  for (const auto& u : kDurationUnits)
    if (u.suffix == suffix) unit = u.ms;
  long long n = 0;
  const long long ten_years = 3660LL * kDay;
  if (!parse_uint(digits, n, ten_years / unit)) return std::nullopt;
  return n * unit;
}

std::optional<std::string> canonical_duration(std::string_view text) {
  std::string_view digits;
  char suffix = 0;
  if (!parse_duration(text) || !split_duration(text, digits, suffix)) return std::nullopt;
  std::string out(digits);
  out += suffix;
  return out;
}

std::optional<Window> parse_window(std::string_view text) {
  Window w;
  if (text == kLifetimeWindow) return w;
  if (text == kSessionWindow) {
    w.kind = Window::Kind::Session;
    return w;
  }
  auto span = parse_duration(text);
  if (!span || *span <= 0) return std::nullopt;
  w.kind = Window::Kind::Span;
  w.span = *span;
  return w;
}

std::optional<Millis> parse_date(std::string_view t) {
  long long y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  if (t.size() < 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  if (!parse_uint(t.substr(0, 4), y, 9999) || !parse_uint(t.substr(5, 2), mo, 12) ||
      !parse_uint(t.substr(8, 2), d, 31) || mo < 1 || d < 1 || y < 1970)
    return std::nullopt;
  std::string_view rest = t.substr(10);
  if (!rest.empty()) {
    if (rest.back() == 'Z') rest.remove_suffix(1);
    if (rest.size() != 6 && rest.size() != 9) return std::nullopt;
    if (rest[0] != 'T' || rest[3] != ':') return std::nullopt;
    if (!parse_uint(rest.substr(1, 2), h, 23) || !parse_uint(rest.substr(4, 2), mi, 59)) return std::nullopt;
    if (rest.size() == 9 && (rest[6] != ':' || !parse_uint(rest.substr(7, 2), s, 59))) return std::nullopt;
  }
  const long long days = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
  return days * kDay + h * kHour + mi * kMinute + s * kSecond;
}

std::string format_duration(Millis ms) {
  if (ms < 0) ms = 0;
  // The largest unit that divides it exactly.
  for (auto u = std::end(kDurationUnits); u != std::begin(kDurationUnits);) {
    --u;
    if (ms >= u->ms && ms % u->ms == 0) {
      // Prefer days over weeks for spans a shop owner thinks of in days (14d, 30d, 90d).
      if (u->suffix == 'w' && ms / kDay <= 28 * 52) continue;
      return integer_text(ms / u->ms) + u->suffix;
    }
  }
  if (ms >= kDay) return integer_text(ms / kDay) + "d";
  if (ms >= kHour) return integer_text(ms / kHour) + "h";
  if (ms >= kMinute) return integer_text(ms / kMinute) + "m";
  return integer_text(ms / kSecond) + "s";
}

std::string format_duration_rounded(Millis ms) {
  if (ms < 0) ms = 0;
  auto rounded = [](Millis v, Millis unit, const char* suffix) {
    return integer_text((v + unit / 2) / unit) + suffix;
  };
  if (ms >= 2 * kDay) return rounded(ms, kDay, "d");
  if (ms >= 2 * kHour) return rounded(ms, kHour, "h");
  if (ms >= 2 * kMinute) return rounded(ms, kMinute, "m");
  return rounded(ms, kSecond, "s");
}

std::string format_window(const Window& w) {
  std::string text;
  switch (w.kind) {
    case Window::Kind::Lifetime: text = "ever"; break;
    case Window::Kind::Session: text = "in this session"; break;
    case Window::Kind::Span: text = "within " + format_duration(w.span); break;
  }
  if (w.ago > 0) text += ", " + format_duration(w.ago) + " ago";
  return text;
}


}  // namespace seg
