#include "decide.hpp"

#include <algorithm>

#include "small_sort.hpp"

namespace seg {
namespace {

// Why an offer may not show now; Reason::Matched when it may. Every time at which the answer
// could change without a change to the visitor lowers the evaluation's valid_until().
Reason blocked_by(int offer, const Program& p, const Visitor& v, Millis now, bool session_active, Evaluator& eval) {
  const OfferDef& o = p.offers[static_cast<std::size_t>(offer)];
  const Lookups& found = eval.lookups();
  if (o.from) eval.limit(o.from);
  if (o.until) eval.limit(o.until);
  if (o.from && now < o.from) return Reason::OutOfSchedule;
  if (o.until && now >= o.until) return Reason::OutOfSchedule;
  if (o.day_mask != 0x7f || o.hour_from != 0 || o.hour_to != 24) {
    // Local time of the visitor: the web layer reports the offset in minutes east of UTC.
    const double offset_minutes = std::clamp(found.tz_offset_minutes, -24.0 * 60, 24.0 * 60);
    const Millis offset = static_cast<Millis>(offset_minutes) * kMinute;
    eval.limit_to_edge(-offset, kHour);  // the next local hour (days change on hours too)
    const Millis local = now + offset;
    long long day = local / kDay;
    if (local % kDay < 0) --day;
    const int hour = static_cast<int>((local - day * kDay) / kHour);
    if (!((o.day_mask >> weekday_of_day(day)) & 1u)) return Reason::OutOfSchedule;
    if (hour < o.hour_from || hour >= o.hour_to) return Reason::OutOfSchedule;
  }
  if (o.holdout > 0 && found.holdout_share[static_cast<std::size_t>(offer)] < o.holdout) return Reason::HeldOut;
  const OfferHistory* history = found.offer_history[static_cast<std::size_t>(offer)];
  if (!history) {
    return o.cap_session == 0 ? Reason::CappedSession : o.cap_day == 0 ? Reason::CappedDay
         : o.cap_week == 0 ? Reason::CappedWeek : Reason::Matched;
  }
  const OfferHistory& h = *history;
  if (h.converted && o.suppress_converted) eval.limit(h.converted + o.suppress_converted);
  if (h.dismissed && o.suppress_dismissed) eval.limit(h.dismissed + o.suppress_dismissed);
  if (o.cooldown && !h.shown.empty()) eval.limit(h.shown.back() + o.cooldown);
  if (h.converted && o.suppress_converted && now - h.converted < o.suppress_converted) return Reason::SuppressedConverted;
  if (h.dismissed && o.suppress_dismissed && now - h.dismissed < o.suppress_dismissed) return Reason::SuppressedDismissed;
  if (o.cooldown && !h.shown.empty() && now - h.shown.back() < o.cooldown) return Reason::CoolingDown;
  int in_session = 0, in_day = 0, in_week = 0;
  const Millis session_start = v.profile.session_start;
  for (Millis t : h.shown) {
    eval.limit(t);  // a show recorded ahead of the clock counts from then
    eval.limit(t + kDay);
    eval.limit(t + kWeek);
    if (t > now) continue;
    if (session_active && t >= session_start) ++in_session;
    if (now - t < kDay) ++in_day;
    if (now - t < kWeek) ++in_week;
  }
  if (o.cap_session >= 0 && in_session >= o.cap_session) return Reason::CappedSession;
  if (o.cap_day >= 0 && in_day >= o.cap_day) return Reason::CappedDay;
  if (o.cap_week >= 0 && in_week >= o.cap_week) return Reason::CappedWeek;
  return Reason::Matched;
}

// What ranks candidate `a` above `b` (None: it does not): offer priority, then the priority of
// the segment that made each a candidate, then its score; the configuration's order breaks ties
// (the sort is stable), so a candidate ahead of an equal one is ahead "by order".
RankedOn ranked_on(const Program& p, const OfferCandidate& a, const OfferCandidate& b) {
  const int pa = p.offers[static_cast<std::size_t>(a.offer)].priority, pb = p.offers[static_cast<std::size_t>(b.offer)].priority;
  if (pa != pb) return pa > pb ? RankedOn::Priority : RankedOn::None;
  if (a.segment_priority != b.segment_priority) return a.segment_priority > b.segment_priority ? RankedOn::SegmentPriority : RankedOn::None;
  if (a.score != b.score) return a.score > b.score ? RankedOn::Score : RankedOn::None;
  return RankedOn::None;
}

}  // namespace

const char* reason_name(Reason reason) {
  static const char* const names[kReasonCount] = {
      "matched", "no_match", "control_group", "out_of_schedule", "held_out", "capped_session",
      "capped_day", "capped_week", "suppressed_converted", "suppressed_dismissed", "cooling_down",
      "paused", "outranked", "not_in_segment", "rule_not_met"};
  const auto i = static_cast<std::size_t>(reason);
  return i < static_cast<std::size_t>(kReasonCount) ? names[i] : "no_match";
}

const char* ranked_on_name(RankedOn on) {
  switch (on) {
    case RankedOn::Priority: return "priority";
    case RankedOn::SegmentPriority: return "segment_priority";
    case RankedOn::Score: return "score";
    case RankedOn::Order: return "order";
    case RankedOn::None: break;
  }
  return "";
}

void decide_offers(Evaluator& eval, const Visitor& visitor, Millis now, Choices& out) {
  const Program& p = eval.program();
  const bool session_active = visitor.profile.session_active(now, p.settings.session_timeout);
  const bool control = p.settings.control_group > 0 && eval.lookups().control_share < p.settings.control_group;
  out.slots.clear();
  out.fates.clear();
  std::vector<OfferCandidate>& candidates = out.candidates;
  for (std::size_t slot_index = 0; slot_index < p.slots.size(); ++slot_index) {
    // Every offer of the slot, each a candidate or not (and then why not), so that one walk in
    // rank order gives every offer its fate.
    candidates.clear();
    for (int i : p.slot_offers[slot_index]) {
      const OfferDef& o = p.offers[static_cast<std::size_t>(i)];
      OfferCandidate c;
      c.offer = i;
      if (o.paused) {
        c.excluded = Reason::Paused;
      } else {
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
        if (!o.segments.empty() && c.segment < 0) c.excluded = Reason::NotInSegment;
        else if (o.rule >= 0 && !eval.eval(o.rule).held) c.excluded = Reason::RuleNotMet;
      }
      candidates.push_back(c);
    }
    // Candidates in rank order, then the rest in configuration order (the sort is stable).
    small_stable_sort(candidates, [&](const OfferCandidate& a, const OfferCandidate& b) {
      const bool ca = a.excluded == Reason::Matched, cb = b.excluded == Reason::Matched;
      if (ca != cb) return ca;
      return ca && ranked_on(p, a, b) != RankedOn::None;
    });
    SlotChoice d;
    d.slot = static_cast<int>(slot_index);
    d.fates_begin = static_cast<std::uint32_t>(out.fates.size());
    const OfferCandidate* winner = nullptr;
    for (const OfferCandidate& c : candidates) {
      FateChoice fate{c.offer, -1, c.segment, c.excluded};
      if (c.excluded != Reason::Matched) {
        // not a candidate: its reason is set
      } else if (control) {
        fate.reason = d.reason = Reason::ControlGroup;
      } else if (winner) {
        // Below the winner: it lost on rank, whatever its own limits would have said.
        fate.reason = Reason::Outranked;
        fate.by = winner->offer;
      } else if ((fate.reason = blocked_by(c.offer, p, visitor, now, session_active, eval)) == Reason::Matched) {
        winner = &c;
        d.offer = c.offer;
        d.reason = Reason::Matched;
        d.segment = c.segment;
        d.score = c.score;
        continue;
      } else if (d.skipped++ == 0) {
        d.reason = fate.reason;  // unless a later candidate shows: the reason that blocked the best one
      }
      out.fates.push_back(fate);
    }
    d.fates_end = static_cast<std::uint32_t>(out.fates.size());
    out.slots.push_back(d);
  }
}

std::vector<Decision> name_choices(const Program& p, const Choices& choices, const std::vector<SegmentState>& states) {
  // A decision's candidate as decide_offers ranked it: its segment's priority and score.
  auto candidate = [&](int offer, int segment) {
    OfferCandidate c;
    c.offer = offer;
    c.segment = segment;
    if (segment >= 0) {
      c.segment_priority = p.segments[static_cast<std::size_t>(segment)].priority;
      if (static_cast<std::size_t>(segment) < states.size()) c.score = states[static_cast<std::size_t>(segment)].score;
    }
    return c;
  };
  std::vector<Decision> out;
  out.reserve(choices.slots.size());
  for (const SlotChoice& c : choices.slots) {
    Decision d;
    d.slot = p.slots[static_cast<std::size_t>(c.slot)];
    if (c.offer >= 0) d.offer = p.offers[static_cast<std::size_t>(c.offer)].id;
    if (c.segment >= 0) d.segment = p.segments[static_cast<std::size_t>(c.segment)].id;
    d.reason = reason_name(c.reason);
    d.score = c.score;
    for (std::uint32_t i = c.fates_begin; i < c.fates_end; ++i) {
      const FateChoice& f = choices.fates[i];
      if (is_blocking(f.reason)) d.skipped.push_back(Skipped{p.offers[static_cast<std::size_t>(f.offer)].id, reason_name(f.reason)});
      Fate fate;
      fate.offer = p.offers[static_cast<std::size_t>(f.offer)].id;
      fate.reason = reason_name(f.reason);
      if (f.by >= 0) {
        fate.by = p.offers[static_cast<std::size_t>(f.by)].id;
        const RankedOn on = ranked_on(p, candidate(f.by, c.segment), candidate(f.offer, f.segment));
        fate.because = ranked_on_name(on == RankedOn::None ? RankedOn::Order : on);
      }
      if (f.segment >= 0) fate.segment = p.segments[static_cast<std::size_t>(f.segment)].id;
      d.fates.push_back(std::move(fate));
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
