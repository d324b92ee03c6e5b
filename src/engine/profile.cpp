#include "profile.hpp"

#include <algorithm>
#include <functional>

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
  if (reference - compacted_at >= kCompactionEvery) compact(reference);

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
    recount(i - 1);
    return;
  }
  Bucket bucket;
  bucket.start = start;
  bucket.level = level;
  bucket.count = 1;
  bucket.sum = value;
  buckets.insert(buckets.begin() + static_cast<std::ptrdiff_t>(i), bucket);
  recount(i);
}

void SeriesData::recount(std::size_t from) {
  double count = from > 0 ? buckets[from - 1].cum_count : 0;
  double sum = from > 0 ? buckets[from - 1].cum_sum : 0;
  if (from == 0) coarsest = Level::Minute;
  for (std::size_t i = from; i < buckets.size(); ++i) {
    count += buckets[i].count;
    sum += buckets[i].sum;
    buckets[i].cum_count = count;
    buckets[i].cum_sum = sum;
    coarsest = std::max(coarsest, buckets[i].level);
  }
}

void SeriesData::compact(Millis reference) {
  compacted_at = reference;
  // Coarsening keeps the order: lengths nest (minute | hour | day | week) and an older bucket is
  // never finer than a newer one, so buckets that become equal are neighbours and merge in one pass.
  // Most compactions change nothing, or only a few buckets where the levels meet: skip (without
  // copying) the buckets before the first one that goes or coarsens.
  std::size_t first = 0;
  for (; first < buckets.size(); ++first) {
    const Bucket& b = buckets[first];
    const Millis age = reference - b.start;
    if (age >= kMaxBucketAge || level_for_age(age < 0 ? 0 : age) > b.level) break;
  }
  if (first == buckets.size()) return;
  std::size_t kept = first;
  bool changed = false;
  for (std::size_t i = first; i < buckets.size(); ++i) {
    Bucket b = buckets[i];
    const Millis age = reference - b.start;
    if (age >= kMaxBucketAge) {
      changed = true;
      continue;
    }
    const Level target = std::max(b.level, level_for_age(age < 0 ? 0 : age));
    if (target != b.level) {
      b.level = target;
      b.start = floor_to(b.start, level_length(target));
      changed = true;
    }
    if (kept > 0 && buckets[kept - 1].start == b.start && buckets[kept - 1].level == b.level) {
      buckets[kept - 1].count += b.count;
      buckets[kept - 1].sum += b.sum;
    } else {
      buckets[kept++] = b;
    }
  }
  buckets.resize(kept);
  // The running totals before `first` stand; the bucket just before it may have taken a merge.
  if (changed) recount(first > 0 ? first - 1 : 0);
}

void SeriesData::window(Millis from, Millis to, double& count, double& sum) const {
  count = 0;
  sum = 0;
  // Newest bucket starting at or before `to`: nearly always the last one (a window ending now).
  auto hi = buckets.end();
  if (hi != buckets.begin() && (hi - 1)->start > to)
    hi = std::upper_bound(buckets.begin(), hi, to, [](Millis t, const Bucket& b) { return t < b.start; });
  if (hi == buckets.begin()) return;
  // Oldest bucket reaching past `from`. A bucket reaches at most its level's length past its
  // start, so search from that far before `from` (the coarsest level present) and step forward.
  auto lo = buckets.begin();
  const Millis reach = level_length(coarsest);
  if (from > std::numeric_limits<Millis>::min() + reach)
    lo = std::lower_bound(lo, hi, from - reach, [](const Bucket& b, Millis t) { return b.start < t; });
  while (lo != hi && lo->end() <= from) ++lo;
  if (lo == hi) return;
  const Bucket& last = *(hi - 1);
  count = last.cum_count - (lo->cum_count - lo->count);
  sum = last.cum_sum - (lo->cum_sum - lo->sum);
}

void SeriesData::redate_after(Millis now) {
  last = std::min(last, now);
  compacted_at = std::min(compacted_at, now);
  std::size_t kept = buckets.size();
  while (kept > 0 && buckets[kept - 1].start > now) --kept;
  if (kept == buckets.size()) return;
  double count = 0, sum = 0;
  for (std::size_t i = kept; i < buckets.size(); ++i) {
    count += buckets[i].count;
    sum += buckets[i].sum;
  }
  buckets.resize(kept);
  // The newest bucket of all: older buckets are never finer, so the order of levels holds.
  const Millis start = floor_to(now, kMinute);
  if (!buckets.empty() && buckets.back().start == start && buckets.back().level == Level::Minute) {
    buckets.back().count += count;
    buckets.back().sum += sum;
  } else {
    Bucket bucket;
    bucket.start = start;
    bucket.count = count;
    bucket.sum = sum;
    buckets.push_back(bucket);
  }
  recount(0);
}

void ValueSetData::add(const std::string& value, Millis ts) {
  const std::size_t hash = std::hash<std::string>{}(value);
  for (auto it = entries.rbegin(); it != entries.rend(); ++it) {  // recent values are the likely ones
    if (it->hash == hash && it->value == value) {
      it->count += 1;
      it->last = std::max(it->last, ts);
      it->first = std::min(it->first, ts);
      return;
    }
  }
  if (entries.size() >= kValueSetCap) {
    auto oldest = std::min_element(entries.begin(), entries.end(),
                                   [](const ValueEntry& a, const ValueEntry& b) { return a.last < b.last; });
    *oldest = ValueEntry{value, hash, 1, ts, ts};
    return;
  }
  entries.push_back(ValueEntry{value, hash, 1, ts, ts});
}

void Profile::index_series() const {
  for (; series_indexed_ < series_keys.size(); ++series_indexed_)
    series_index_.emplace(series_keys[series_indexed_], static_cast<int>(series_indexed_));
}

void Profile::index_sets() const {
  for (; sets_indexed_ < set_keys.size(); ++sets_indexed_)
    set_index_.emplace(set_keys[sets_indexed_], static_cast<int>(sets_indexed_));
}

bool Profile::has_series(const std::string& key) const {
  index_series();
  return series_index_.count(key) != 0;
}

int Profile::series_slot(const std::string& key) {
  if (!series_keys.empty()) {
    index_series();
    auto it = series_index_.find(key);
    if (it != series_index_.end()) return it->second;
  }
  return append_series(key);
}

int Profile::append_series(const std::string& key) {
  if (series.size() >= kMaxSeries) return -1;
  series_keys.push_back(key);
  series.emplace_back();
  return static_cast<int>(series.size() - 1);
}

int Profile::append_set(const std::string& key) {
  if (sets.size() >= kMaxValueSets) return -1;
  set_keys.push_back(key);
  sets.emplace_back();
  return static_cast<int>(sets.size() - 1);
}

int Profile::set_slot(const std::string& key) {
  if (!set_keys.empty()) {
    index_sets();
    auto it = set_index_.find(key);
    if (it != set_index_.end()) return it->second;
  }
  return append_set(key);
}

int Profile::step_bit(const std::string& key) {
  for (std::size_t i = 0; i < step_keys.size(); ++i)
    if (step_keys[i] == key) return static_cast<int>(i);
  if (step_keys.size() >= kMaxStepKeys) return -1;
  step_keys.push_back(key);
  return static_cast<int>(step_keys.size() - 1);
}

void Profile::add_step_hit(std::uint64_t mask, Millis ts) {
  // Drop the oldest quarter at once when full, so a long journey does not shift the ring each time.
  if (ring.size() >= kStepRingCap) ring.erase(ring.begin(), ring.begin() + kStepRingCap / 4);
  std::size_t i = ring.size();
  while (i > 0 && ring[i - 1].ts > ts) --i;
  ring.insert(ring.begin() + static_cast<std::ptrdiff_t>(i), StepHit{mask, ts});
}

void Profile::redate_after(Millis now) {
  for (auto& s : series) s.redate_after(now);
  for (auto& set : sets)
    for (auto& e : set.entries) {
      e.first = std::min(e.first, now);
      e.last = std::min(e.last, now);
    }
  for (auto& hit : ring) hit.ts = std::min(hit.ts, now);  // stays in order
  if (session_no > 0) {
    session_start = std::min(session_start, now);
    last_event = std::min(last_event, now);
    latest = std::min(latest, now);
  }
}

void Profile::compact(Millis reference) {
  for (auto& s : series) s.compact(reference);
}

}  // namespace seg
