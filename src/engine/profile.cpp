#include "profile.hpp"

#include <algorithm>

namespace seg {
namespace {

Level level_for_age(Millis age) {
  if (age < 2 * kHour) return Level::Minute;
  if (age < 2 * kDay) return Level::Hour;
  if (age < 62 * kDay) return Level::Day;
  return Level::Week;
}

Millis floor_to(Millis t, Millis length) {
  Millis q = t / length;
  if (t % length != 0 && t < 0) --q;
  return q * length;
}

}  // namespace

void SeriesData::add(Millis ts, Millis reference, double value, std::int64_t session) {
  total_count += 1;
  total_sum += value;
  if (session_no != session) {
    session_no = session;
    session_count = 0;
    session_sum = 0;
  }
  session_count += 1;
  session_sum += value;
  last = std::max(last, ts);

  const Millis age = reference - ts;
  if (age >= kMaxBucketAge) return;  // only the lifetime totals remember it
  const Level level = level_for_age(age < 0 ? 0 : age);
  const Millis start = floor_to(ts, level_length(level));
  // Events nearly always arrive in order, so the bucket is the last one or goes at the end.
  std::size_t i = buckets.size();
  while (i > 0 && buckets[i - 1].start > start) --i;
  if (i > 0 && buckets[i - 1].start == start && buckets[i - 1].level == level) {
    buckets[i - 1].count += 1;
    buckets[i - 1].sum += value;
    return;
  }
  Bucket bucket;
  bucket.start = start;
  bucket.level = level;
  bucket.count = 1;
  bucket.sum = value;
  buckets.insert(buckets.begin() + static_cast<std::ptrdiff_t>(i), bucket);
}

void SeriesData::compact(Millis reference) {
  std::size_t kept = 0;
  for (Bucket b : buckets) {
    const Millis age = reference - b.start;
    if (age >= kMaxBucketAge) continue;
    const Level target = std::max(b.level, level_for_age(age < 0 ? 0 : age));
    if (target != b.level) {
      b.level = target;
      b.start = floor_to(b.start, level_length(target));
    }
    buckets[kept++] = b;
  }
  buckets.resize(kept);
  // Lengths nest (minute | hour | day | week), so coarsening keeps the order up to equal starts.
  std::stable_sort(buckets.begin(), buckets.end(), [](const Bucket& x, const Bucket& y) {
    return x.start != y.start ? x.start < y.start : x.level > y.level;
  });
  kept = 0;
  for (std::size_t i = 0; i < buckets.size(); ++i) {
    if (kept > 0 && buckets[kept - 1].start == buckets[i].start && buckets[kept - 1].level == buckets[i].level) {
      buckets[kept - 1].count += buckets[i].count;
      buckets[kept - 1].sum += buckets[i].sum;
    } else {
      buckets[kept++] = buckets[i];
    }
  }
  buckets.resize(kept);
}

void SeriesData::window(Millis from, Millis to, double& count, double& sum) const {
  count = 0;
  sum = 0;
  for (auto it = buckets.rbegin(); it != buckets.rend(); ++it) {
    if (it->start > to) continue;
    // Older buckets can be coarser, so a bucket ending before `from` does not end the scan.
    if (it->end() <= from) {
      if (it->start + kWeek <= from) break;
      continue;
    }
    count += it->count;
    sum += it->sum;
  }
}

void ValueSetData::add(const std::string& value, Millis ts) {
  for (auto& e : entries) {
    if (e.value == value) {
      e.count += 1;
      e.last = std::max(e.last, ts);
      e.first = std::min(e.first, ts);
      return;
    }
  }
  if (entries.size() >= kValueSetCap) {
    auto oldest = std::min_element(entries.begin(), entries.end(),
                                   [](const ValueEntry& a, const ValueEntry& b) { return a.last < b.last; });
    entries.erase(oldest);
  }
  entries.push_back(ValueEntry{value, 1, ts, ts});
}

int Profile::series_slot(const std::string& key) {
  auto it = series_index.find(key);
  if (it != series_index.end()) return it->second;
  if (series.size() >= kMaxSeries) return -1;
  const int slot = static_cast<int>(series.size());
  series_keys.push_back(key);
  series.emplace_back();
  series_index.emplace(key, slot);
  return slot;
}

int Profile::set_slot(const std::string& key) {
  auto it = set_index.find(key);
  if (it != set_index.end()) return it->second;
  if (sets.size() >= kMaxValueSets) return -1;
  const int slot = static_cast<int>(sets.size());
  set_keys.push_back(key);
  sets.emplace_back();
  set_index.emplace(key, slot);
  return slot;
}

int Profile::step_bit(const std::string& key) {
  for (std::size_t i = 0; i < step_keys.size(); ++i)
    if (step_keys[i] == key) return static_cast<int>(i);
  if (step_keys.size() >= kMaxStepKeys) return -1;
  step_keys.push_back(key);
  return static_cast<int>(step_keys.size() - 1);
}

void Profile::add_step_hit(std::uint64_t mask, Millis ts) {
  if (ring.size() >= kStepRingCap) ring.erase(ring.begin());
  std::size_t i = ring.size();
  while (i > 0 && ring[i - 1].ts > ts) --i;
  ring.insert(ring.begin() + static_cast<std::ptrdiff_t>(i), StepHit{mask, ts});
}

void Profile::compact(Millis reference) {
  for (auto& s : series) s.compact(reference);
}

}  // namespace seg
