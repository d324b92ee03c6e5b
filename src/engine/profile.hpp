// One visitor's bounded memory of events: no raw events, only time buckets that coarsen with age,
// lifetime totals, last-seen times, capped value sets and a short ring of sequence steps.
// Everything is keyed by the feature's canonical key, so data survives a config change that keeps
// the same questions, and a new question simply starts empty.
#pragma once
#include <cstdint>
#include <limits>
#include <string>
#include <map>
#include <vector>

#include "shopper_segments/event.hpp"
#include "time_units.hpp"

namespace seg {

// Bucket resolution by age: minutes under 2 h, hours under 2 d, days under 62 d, weeks under 2 y.
enum class Level : std::uint8_t { Minute = 0, Hour = 1, Day = 2, Week = 3 };
constexpr Millis level_length(Level level) {
  return level == Level::Minute ? kMinute : level == Level::Hour ? kHour : level == Level::Day ? kDay : kWeek;
}
constexpr Millis kMaxBucketAge = 104 * kWeek;
// How often (in event time) a series that receives events folds its old buckets into coarser ones.
constexpr Millis kCompactionEvery = 30 * kMinute;

// How far a clock may disagree with the profile's present before the engine stops believing the
// earlier reading. The engine has no clock of its own: the time of each call is all it knows, and
// one wrong reading (a device clock years ahead, the demo's setClock, one bad log line) must not
// decide where "now" is for the rest of the profile's life. Two hours is the horizon of minute
// buckets: a jump back within it changes nothing (late events still land at full resolution, the
// session goes on); beyond it, events after the jump would fall into coarse buckets or, years
// ahead, only into lifetime totals, and no session could start until real time caught up.
//  - An event more than this after the previous one is counted, but moves the profile's present
//    (the reference that folds and drops old buckets) only when the next event confirms it; so
//    one wrong reading folds nothing and drops nothing.
//  - A time more than this before the newest one seen re-dates everything after it to it
//    (Profile::redate_after, Visitor::redate_after): the earlier readings were wrong, and the
//    latest moment they can really have happened is the present.
//  - A saved state with times more than this after the loading time is re-dated the same way,
//    and its time of saving counts as the loading time (it then expires like any other).
constexpr Millis kClockSlack = 2 * kHour;

struct Bucket {
  Millis start = 0;
  Level level = Level::Minute;
  double count = 0;
  double sum = 0;
  // Running totals over this and every older bucket, so a window is two lookups, not a scan.
  double cum_count = 0;
  double cum_sum = 0;
  Millis end() const { return start + level_length(level); }
};

struct SeriesData {
  std::vector<Bucket> buckets;  // sorted by start
  double total_count = 0, total_sum = 0;
  double session_count = 0, session_sum = 0;
  std::int64_t session_no = -1;  // the session the session_* fields belong to
  Millis last = std::numeric_limits<Millis>::min();
  Millis compacted_at = 0;  // add() folds old buckets now and then
  // No bucket is coarser (kept by recount(), which every change of the buckets ends with; it may
  // stay coarser than needed until the next full recount), so window() knows how far back a
  // bucket can start and still reach into a window.
  Level coarsest = Level::Minute;
  bool seen() const { return total_count > 0; }

  void add(Millis ts, Millis reference, double value, std::int64_t session);
  void compact(Millis reference);
  void redate_after(Millis now);  // see Profile::redate_after
  void recount(std::size_t from = 0);  // refresh running totals (and `coarsest`) from bucket `from` on
  // Count and sum over [from, to]: buckets that overlap it.
  void window(Millis from, Millis to, double& count, double& sum) const;
};

struct ValueEntry {
  std::string value;
  std::size_t hash = 0;  // of value: most comparisons fail on it without touching the string
  double count = 0;
  Millis first = 0, last = 0;
};

constexpr std::size_t kValueSetCap = 64;

struct ValueSetData {
  std::vector<ValueEntry> entries;  // at most kValueSetCap; the least recently seen is evicted
  void add(const std::string& value, Millis ts);
};

struct StepHit {
  std::uint64_t mask = 0;  // bit i: profile step key i matched
  Millis ts = 0;
};
constexpr std::size_t kStepRingCap = 64;
constexpr std::size_t kMaxStepKeys = 64;
constexpr std::size_t kMaxSeries = 512;
constexpr std::size_t kMaxValueSets = 64;

struct Profile {
  std::vector<std::string> series_keys;
  std::vector<SeriesData> series;
  std::vector<std::string> set_keys;
  std::vector<ValueSetData> sets;

  std::vector<std::string> step_keys;  // bit positions of StepHit::mask
  std::vector<StepHit> ring;           // oldest first, at most kStepRingCap

  std::int64_t session_no = 0;  // 0: no session yet
  Millis session_start = 0;
  Millis last_event = std::numeric_limits<Millis>::min();
  // The profile's present, which folds and drops old buckets: the newest time seen, moved more
  // than kClockSlack past the previous event only once the next event confirms it.
  Millis latest = std::numeric_limits<Millis>::min();

  int series_slot(const std::string& key);  // find or add; -1 when full
  bool has_series(const std::string& key) const;
  int append_series(const std::string& key);  // a key known to be new; -1 when full
  int append_set(const std::string& key);
  int set_slot(const std::string& key);
  int step_bit(const std::string& key);     // -1 when full
  void add_step_hit(std::uint64_t mask, Millis ts);
  bool session_active(Millis now, Millis timeout) const {
    return session_no > 0 && now >= session_start && now - last_event <= timeout;
  }
  void compact(Millis reference);
  // Every time after `now` becomes `now` (kClockSlack): buckets after it fold into one minute
  // bucket at `now`, the newest; nothing is counted twice or lost.
  void redate_after(Millis now);
  void clear() { *this = Profile(); }

 private:
  // Key -> slot, built only when first asked: a new visitor's features are laid out in program
  // order without any lookup (replay creates tens of thousands of visitors).
  mutable std::map<std::string, int> series_index_, set_index_;
  mutable std::size_t series_indexed_ = 0, sets_indexed_ = 0;  // how many keys the maps cover
  void index_series() const;
  void index_sets() const;
};

}  // namespace seg
