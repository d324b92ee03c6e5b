#include "decide.hpp"

#include <algorithm>

#include "small_sort.hpp"
#include "stable_hash.hpp"

namespace seg {
namespace {

struct Candidate {
  int offer = 0;
  int segment = -1;  // best matching segment, -1 for fallbacks and pure-rule offers
  int segment_priority = 0;
  double score = 0;
};

double context_number(const Visitor& v, const char* key) {
  auto it = v.context.find(key);
  return it != v.context.end() && it->second.kind == Value::Kind::Number ? it->second.number : 0;
}

// Why an offer may not show now; nullptr when it may.
const char* blocked_by(const OfferDef& o, const Program& p, const Visitor& v, Millis now, bool session_active) {
  if (o.from && now < o.from) return "out_of_schedule";
  if (o.until && now >= o.until) return "out_of_schedule";
  if (o.day_mask != 0x7f || o.hour_from != 0 || o.hour_to != 24) {
    // Local time of the visitor: the web layer reports the offset in minutes east of UTC.
    const double offset_minutes = std::clamp(context_number(v, "tz_offset"), -24.0 * 60, 24.0 * 60);
    const Millis local = now + static_cast<Millis>(offset_minutes) * kMinute;
    long long day = local / kDay;
    if (local % kDay < 0) --day;
    const int hour = static_cast<int>((local - day * kDay) / kHour);
    if (!((o.day_mask >> weekday_of_day(day)) & 1u)) return "out_of_schedule";
    if (hour < o.hour_from || hour >= o.hour_to) return "out_of_schedule";
  }
  if (o.holdout > 0 && stable_share(v.id, o.id, p.settings.salt) < o.holdout) return "held_out";
  auto it = v.offers.find(o.id);
  if (it == v.offers.end()) return o.cap_session == 0 ? "capped_session" : o.cap_day == 0 ? "capped_day" : o.cap_week == 0 ? "capped_week" : nullptr;
  const OfferHistory& h = it->second;
  if (h.converted && o.suppress_converted && now - h.converted < o.suppress_converted) return "suppressed_converted";
  if (h.dismissed && o.suppress_dismissed && now - h.dismissed < o.suppress_dismissed) return "suppressed_dismissed";
  if (o.cooldown && !h.shown.empty() && now - h.shown.back() < o.cooldown) return "cooling_down";
  int in_session = 0, in_day = 0, in_week = 0;
  const Millis session_start = v.profile.session_start;
  for (Millis t : h.shown) {
    if (t > now) continue;
    if (session_active && t >= session_start) ++in_session;
    if (now - t < kDay) ++in_day;
    if (now - t < kWeek) ++in_week;
  }
  if (o.cap_session >= 0 && in_session >= o.cap_session) return "capped_session";
  if (o.cap_day >= 0 && in_day >= o.cap_day) return "capped_day";
  if (o.cap_week >= 0 && in_week >= o.cap_week) return "capped_week";
  return nullptr;
}

}  // namespace

std::vector<Decision> decide_offers(Evaluator& eval, Visitor& visitor, Millis now) {
  const Program& p = eval.program();
  const bool session_active = visitor.profile.session_active(now, p.settings.session_timeout);
  const bool control = p.settings.control_group > 0 && stable_share(visitor.id, "control", p.settings.salt) < p.settings.control_group;
  std::vector<Decision> out;
  out.reserve(p.slots.size());
  std::vector<Candidate> candidates;
  for (std::size_t slot_index = 0; slot_index < p.slots.size(); ++slot_index) {
    const std::string& slot = p.slots[slot_index];
    candidates.clear();
    for (std::size_t i = 0; i < p.offers.size(); ++i) {
      const OfferDef& o = p.offers[i];
      if (o.slot_index != static_cast<int>(slot_index)) continue;
      Candidate c;
      c.offer = static_cast<int>(i);
      if (!o.segments.empty()) {
        for (int s : o.segments) {
          if (!eval.member(s)) continue;
          const SegmentDef& def = p.segments[static_cast<std::size_t>(s)];
          if (c.segment < 0 || def.priority > c.segment_priority ||
              (def.priority == c.segment_priority && eval.score(s) > c.score)) {
            c.segment = s;
            c.segment_priority = def.priority;
            c.score = eval.score(s);
          }
        }
        if (c.segment < 0) continue;
      }
      if (o.rule >= 0 && !eval.eval(o.rule).held) continue;
      candidates.push_back(c);
    }
    small_stable_sort(candidates, [&](const Candidate& a, const Candidate& b) {
      const int pa = p.offers[static_cast<std::size_t>(a.offer)].priority, pb = p.offers[static_cast<std::size_t>(b.offer)].priority;
      if (pa != pb) return pa > pb;
      if (a.segment_priority != b.segment_priority) return a.segment_priority > b.segment_priority;
      return a.score > b.score;
    });
    Decision d;
    d.slot = slot;
    if (candidates.empty()) {
      d.reason = "no_match";
    } else if (control) {
      d.reason = "control_group";
    } else {
      for (const Candidate& c : candidates) {
        const OfferDef& o = p.offers[static_cast<std::size_t>(c.offer)];
        if (const char* why = blocked_by(o, p, visitor, now, session_active)) {
          d.skipped.push_back(Skipped{o.id, why});
          continue;
        }
        d.offer = o.id;
        d.reason = "matched";
        if (c.segment >= 0) d.segment = p.segments[static_cast<std::size_t>(c.segment)].id;
        d.score = c.score;
        break;
      }
      if (d.offer.empty()) d.reason = d.skipped.front().reason;
    }
    out.push_back(std::move(d));
  }
  return out;
}

void record_outcome(OfferHistory& history, Outcome outcome, Millis now) {
  switch (outcome) {
    case Outcome::Shown:
      if (history.shown.size() >= kShownKept) history.shown.erase(history.shown.begin());
      history.shown.insert(std::upper_bound(history.shown.begin(), history.shown.end(), now), now);
      break;
    case Outcome::Dismissed: history.dismissed = std::max(history.dismissed, now); break;
    case Outcome::Converted: history.converted = std::max(history.converted, now); break;
  }
}

}  // namespace seg
