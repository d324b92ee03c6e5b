// Durations, windows and dates as the rule language writes them ("30m", "7d", "session",
// "2026-11-01"). Parsing only; nothing here reads a clock.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "shopper_segments/event.hpp"

namespace seg {

constexpr Millis kSecond = 1000;
constexpr Millis kMinute = 60 * kSecond;
constexpr Millis kHour = 60 * kMinute;
constexpr Millis kDay = 24 * kHour;
constexpr Millis kWeek = 7 * kDay;

// The units a duration is written in ("90s", "30m", "12h", "7d", "2w"), smallest first: the one
// list parse_duration reads and the owner toolkit's language descriptor shows.
struct DurationUnit {
  char suffix;
  Millis ms;
};
inline constexpr DurationUnit kDurationUnits[] = {
    {'s', kSecond}, {'m', kMinute}, {'h', kHour}, {'d', kDay}, {'w', kWeek}};

// The windows that are words rather than durations.
inline constexpr std::string_view kSessionWindow = "session";
inline constexpr std::string_view kLifetimeWindow = "lifetime";

// "<N><unit>" with a unit of kDurationUnits, or "<N> <unit word>" ("7 days", "1 week", "36 hours",
// "30 minutes", "90 seconds"; also "min", "hr", "sec" and their plurals). N is a whole number, at
// most 10 years in total.
std::optional<Millis> parse_duration(std::string_view text);
// The short form of a duration parse_duration reads ("7 days" -> "7d", "36 hours" -> "36h", "7d"
// stays "7d"): how a configuration stores it; nothing when it is not a duration.
std::optional<std::string> canonical_duration(std::string_view text);

struct Window {
  enum class Kind { Lifetime, Session, Span };
  Kind kind = Kind::Lifetime;
  Millis span = 0;  // for Span
  Millis ago = 0;   // shift into the past
};
std::optional<Window> parse_window(std::string_view text);

// "YYYY-MM-DD" (midnight UTC) or "YYYY-MM-DDTHH:MM[:SS][Z]" (UTC).
std::optional<Millis> parse_date(std::string_view text);

// For words in explanations: 604800000 -> "7d", 5400000 -> "90m".
std::string format_duration(Millis ms);
std::string format_window(const Window& window);
// For words about measured times: 7775999000 -> "90d" (rounded to the largest fitting unit).
std::string format_duration_rounded(Millis ms);

// Days since 1970-01-01 -> weekday, 0 = Monday.
inline int weekday_of_day(long long day) {
  // 1970-01-01 was a Thursday (Monday = 0 -> Thursday = 3).
  long long wd = (day + 3) % 7;
  if (wd < 0) wd += 7;
  return static_cast<int>(wd);
}

// Times from outside are clamped to years 1970..9999, so no arithmetic on them can overflow.
inline Millis clamp_time(Millis t) { return t < 0 ? 0 : t > 253402300799000LL ? 253402300799000LL : t; }

}  // namespace seg
