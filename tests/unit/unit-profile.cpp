#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <vector>

#include "engine/profile.hpp"

using namespace seg;

namespace {
const Millis t0 = 1700000000000LL;
}

TEST_CASE("a series counts and sums, in lifetime and in windows") {
  SeriesData s;
  s.add(t0, t0, 10, 1);
  s.add(t0 + kMinute, t0 + kMinute, 5, 1);
  CHECK(s.total_count == 2);
  CHECK(s.total_sum == 15);
  double n = 0, sum = 0;
  s.window(t0 - kHour, t0 + kHour, n, sum);
  CHECK(n == 2);
  CHECK(sum == 15);
  s.window(t0 + 2 * kHour, t0 + 3 * kHour, n, sum);
  CHECK(n == 0);
}

TEST_CASE("buckets coarsen with age but totals never change") {
  SeriesData s;
  Millis t = t0;
  for (int i = 0; i < 24 * 90; ++i, t += kHour) s.add(t, t, 1, 1);
  const std::size_t before = s.buckets.size();
  s.compact(t);
  CHECK(s.buckets.size() < before);
  CHECK(s.buckets.size() < 150);
  double n = 0, sum = 0;
  s.window(t0 - kDay, t, n, sum);
  CHECK(n == 24 * 90);
  CHECK(s.total_count == 24 * 90);
  // 7 days back from the end: exact up to one day bucket at the old edge.
  s.window(t - 7 * kDay, t, n, sum);
  CHECK(n >= 7 * 24);
  CHECK(n <= 8 * 24 + 1);
}

TEST_CASE("out-of-order events land in the right bucket") {
  SeriesData s;
  s.add(t0 + 10 * kMinute, t0 + 10 * kMinute, 1, 1);
  s.add(t0, t0 + 10 * kMinute, 1, 1);
  REQUIRE(s.buckets.size() == 2);
  CHECK(s.buckets[0].start < s.buckets[1].start);
  double n = 0, sum = 0;
  s.window(t0 - kMinute, t0 + kMinute, n, sum);
  CHECK(n == 1);
}

TEST_CASE("session counts reset when the session changes") {
  SeriesData s;
  s.add(t0, t0, 0, 1);
  s.add(t0 + 1, t0 + 1, 0, 1);
  CHECK(s.session_count == 2);
  s.add(t0 + kDay, t0 + kDay, 0, 2);
  CHECK(s.session_count == 1);
  CHECK(s.total_count == 3);
}

TEST_CASE("value sets are capped, evicting the least recently seen") {
  ValueSetData set;
  for (int i = 0; i < 100; ++i) set.add("item" + std::to_string(i), t0 + i);
  CHECK(set.entries.size() == kValueSetCap);
  set.add("item99", t0 + 1000);
  CHECK(set.entries.size() == kValueSetCap);
  bool has_first = false;
  for (auto& e : set.entries) has_first |= e.value == "item0";
  CHECK_FALSE(has_first);
}

TEST_CASE("profile slots are found by key and bounded") {
  Profile p;
  CHECK(p.series_slot("a") == 0);
  CHECK(p.series_slot("b") == 1);
  CHECK(p.series_slot("a") == 0);
  for (std::size_t i = 0; i < kMaxSeries + 10; ++i) p.series_slot("k" + std::to_string(i));
  CHECK(p.series.size() == kMaxSeries);
  CHECK(p.series_slot("one-too-many") == -1);
  for (std::size_t i = 0; i < kMaxStepKeys; ++i) p.step_bit("s" + std::to_string(i));
  CHECK(p.step_bit("another") == -1);
}

TEST_CASE("the step ring keeps the newest hits in time order") {
  Profile p;
  for (Millis i = 0; i < 100; ++i) p.add_step_hit(1, t0 + i);
  CHECK(p.ring.size() <= kStepRingCap);
  CHECK(p.ring.size() >= kStepRingCap * 3 / 4);
  p.add_step_hit(2, t0 + 50);
  for (std::size_t i = 1; i < p.ring.size(); ++i) CHECK(p.ring[i - 1].ts <= p.ring[i].ts);
}

TEST_CASE("compaction keeps every event and consistent running totals (random histories)") {
  // Compaction skips the buckets before the first that changes and recounts from there; the
  // running totals must still be the prefix sums, with nothing lost but what is 2 years old.
  std::uint64_t state = 99;
  auto next = [&](std::uint64_t n) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<Millis>((state >> 33) % n);
  };
  for (int round = 0; round < 200; ++round) {
    SeriesData s;
    Millis reference = t0;
    std::vector<Millis> times;
    const int events = 1 + static_cast<int>(next(400));
    for (int i = 0; i < events; ++i) {
      reference += next(4) == 0 ? next(30 * kDay) : next(3 * kHour);
      const Millis ts = next(5) == 0 ? reference - next(10 * kDay) : reference;  // some late
      s.add(ts, reference, 1, 1);
      times.push_back(ts);
      if (next(7) == 0) s.compact(reference);
    }
    const Millis last = reference + next(100 * kWeek);
    s.compact(last);
    double count = 0, cum = 0;
    for (std::size_t i = 0; i < s.buckets.size(); ++i) {
      const Bucket& b = s.buckets[i];
      count += b.count;
      cum += b.count;
      CHECK(b.cum_count == cum);
      if (i > 0) {
        CHECK(s.buckets[i - 1].start <= b.start);
        CHECK_FALSE((s.buckets[i - 1].start == b.start && s.buckets[i - 1].level == b.level));
      }
    }
    CHECK(count <= static_cast<double>(times.size()));
    // Nothing is dropped while every event is younger than the oldest age a bucket keeps (less
    // the longest bucket, which an event may start a little before).
    if (last - *std::min_element(times.begin(), times.end()) < kMaxBucketAge - kWeek) CHECK(count == static_cast<double>(times.size()));
    CHECK(s.total_count == static_cast<double>(times.size()));
    double n = 0, sum = 0;
    s.window(std::numeric_limits<Millis>::min(), std::numeric_limits<Millis>::max(), n, sum);
    CHECK(n == count);
  }
}
