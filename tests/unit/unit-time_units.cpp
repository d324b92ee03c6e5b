#include <doctest/doctest.h>

#include <cstdint>
#include <optional>
#include <string>

#include "engine/time_units.hpp"

using namespace seg;

TEST_CASE("durations parse whole numbers with a unit") {
  CHECK(parse_duration("90s") == 90 * kSecond);
  CHECK(parse_duration("30m") == 30 * kMinute);
  CHECK(parse_duration("12h") == 12 * kHour);
  CHECK(parse_duration("7d") == 7 * kDay);
  CHECK(parse_duration("2w") == 2 * kWeek);
  CHECK(parse_duration("0d") == 0);
}

TEST_CASE("bad durations are rejected, not guessed") {
  for (const char* bad : {"", "d", "7", "7x", "-1d", "1.5d", "7 d", "d7", "99999999999999d", "3661d"}) {
    INFO(bad);
    CHECK_FALSE(parse_duration(bad).has_value());
  }
}

TEST_CASE("windows: session, lifetime, spans") {
  CHECK(parse_window("session")->kind == Window::Kind::Session);
  CHECK(parse_window("lifetime")->kind == Window::Kind::Lifetime);
  auto w = parse_window("7d");
  REQUIRE(w);
  CHECK(w->kind == Window::Kind::Span);
  CHECK(w->span == 7 * kDay);
  CHECK_FALSE(parse_window("0d").has_value());
  CHECK_FALSE(parse_window("forever").has_value());
}

TEST_CASE("dates are UTC") {
  CHECK(parse_date("1970-01-01") == 0);
  CHECK(parse_date("2023-11-14T22:13:20Z") == 1700000000000LL);
  CHECK(parse_date("2024-02-29") == 1709164800000LL);
  CHECK_FALSE(parse_date("2024-13-01").has_value());
  CHECK_FALSE(parse_date("2024-1-01").has_value());
  CHECK_FALSE(parse_date("yesterday").has_value());
}

TEST_CASE("weekday: 1970-01-01 was a Thursday, Monday is 0") {
  CHECK(weekday_of_day(0) == 3);
  CHECK(weekday_of_day(4) == 0);
  CHECK(weekday_of_day(-1) == 2);
}

TEST_CASE("durations read back as words") {
  CHECK(format_duration(7 * kDay) == "7d");
  CHECK(format_duration(90 * kMinute) == "90m");
  CHECK(format_duration_rounded(90 * kDay - 1000) == "90d");
  CHECK(format_window(*parse_window("session")) == "in this session");
}

TEST_CASE("durations in words are the same durations, and their short form is canonical") {
  CHECK(parse_duration("7 days") == 7 * kDay);
  CHECK(parse_duration("1 week") == kWeek);
  CHECK(parse_duration("2 weeks") == 2 * kWeek);
  CHECK(parse_duration("36 hours") == 36 * kHour);
  CHECK(parse_duration("1 hour") == kHour);
  CHECK(parse_duration("30 minutes") == 30 * kMinute);
  CHECK(parse_duration("1 min") == kMinute);
  CHECK(parse_duration("90 seconds") == 90 * kSecond);
  CHECK(parse_duration("2 hrs") == 2 * kHour);
  CHECK(canonical_duration("7 days") == std::optional<std::string>("7d"));
  CHECK(canonical_duration("1 week") == std::optional<std::string>("1w"));
  CHECK(canonical_duration("36 hours") == std::optional<std::string>("36h"));
  CHECK(canonical_duration("30 minutes") == std::optional<std::string>("30m"));
  CHECK(canonical_duration("7d") == std::optional<std::string>("7d"));
  for (const char* bad : {"7  days", "7 Days", "seven days", "7days", "7 fortnights", " 7 days", "7 days ", "7 day s", "3661 days", "-7 days"}) {
    INFO(bad);
    CHECK_FALSE(parse_duration(bad).has_value());
    CHECK_FALSE(canonical_duration(bad).has_value());
  }
}

TEST_CASE("every string of up to 12 characters from a duration alphabet: parse and canonical agree") {
  // Property: a text is a duration exactly when it has a canonical form, the canonical form is a
  // duration of the same length, and it is its own canonical form.
  const std::string alphabet = "07 dayswekhrmin";
  std::uint32_t state = 12345;
  for (int n = 0; n < 20000; ++n) {
    std::string text;
    state = state * 1664525u + 1013904223u;
    const std::size_t length = 1 + (state >> 8) % 12;
    for (std::size_t i = 0; i < length; ++i) {
      state = state * 1664525u + 1013904223u;
      text += alphabet[(state >> 8) % alphabet.size()];
    }
    const auto parsed = parse_duration(text);
    const auto canonical = canonical_duration(text);
    INFO(text);
    REQUIRE(parsed.has_value() == canonical.has_value());
    if (!parsed) continue;
    CHECK(parse_duration(*canonical) == parsed);
    CHECK(canonical_duration(*canonical) == canonical);
  }
}
