// What a slot shows and what became of each of its other offers, in the owner's words: names
// (an offer by its title, a segment by its name) and the numbers that decided, so the owner knows
// what to change. The decision itself is the engine's (decide.cpp); this only words it.
#include "slot_words.hpp"

#include <string>

#include "engine/json.hpp"
#include "engine/text_number.hpp"
#include "engine/time_units.hpp"
#include "quoted.hpp"

namespace seg {
namespace {

const OfferDef* offer_of(const Program& p, const std::string& id) {
  auto it = p.offer_index.find(id);
  return it == p.offer_index.end() ? nullptr : &p.offers[static_cast<std::size_t>(it->second)];
}
const SegmentDef* segment_of(const Program& p, const std::string& id) {
  auto it = p.segment_index.find(id);
  return it == p.segment_index.end() ? nullptr : &p.segments[static_cast<std::size_t>(it->second)];
}

std::string times(int n) { return n == 1 ? "once" : integer_text(n) + " times"; }

// "7 days", "10 minutes": a limit's length as the owner reads it.
std::string span_words(Millis ms) {
  static const struct { Millis ms; const char* one; const char* many; } units[] = {
      {kWeek, "week", "weeks"}, {kDay, "day", "days"}, {kHour, "hour", "hours"}, {kMinute, "minute", "minutes"}, {kSecond, "second", "seconds"}};
  for (const auto& u : units) {
    if (ms >= u.ms && ms % u.ms == 0) {
      const Millis n = ms / u.ms;
      return integer_text(n) + " " + (n == 1 ? u.one : u.many);
    }
  }
  return format_duration_rounded(ms);
}


int segment_priority(const Program& p, const std::string& id) {
  const SegmentDef* s = segment_of(p, id);
  return s ? s->priority : 0;
}

// Why the winner ranked above this offer, with the numbers that decided.
std::string outranked_words(const Program& p, const Decision& d, const Fate& f, const OfferDef* loser) {
  const OfferDef* winner = offer_of(p, f.by);
  const std::string lost = "Lost to " + offer_name(p, f.by);
  if (!winner || !loser) return lost + ".";
  if (f.because == "priority")
    return lost + " (priority " + integer_text(winner->priority) + " > " + integer_text(loser->priority) + ").";
  const std::string equal = ": both have priority " + integer_text(winner->priority);
  if (f.because == "segment_priority") {
    const std::string theirs = d.segment.empty() ? std::string("it serves everyone (segment priority 0)")
                                                 : "it serves " + segment_name(p, d.segment) + " (segment priority " +
                                                       integer_text(segment_priority(p, d.segment)) + ")";
    const std::string ours = f.segment.empty() ? std::string("this one serves everyone (0)")
                                               : "this one came through " + segment_name(p, f.segment) + " (" +
                                                     integer_text(segment_priority(p, f.segment)) + ")";
    return lost + equal + ", but " + theirs + " and " + ours + ".";
  }
  if (f.because == "score")
    return lost + equal + " and equal segment priorities, but the visitor's score in " + segment_name(p, d.segment) +
           " is higher" + (f.segment.empty() ? std::string() : " than in " + segment_name(p, f.segment)) + ".";
  return lost + equal + " and rank the same, and it comes first in the configuration.";
}

}  // namespace

std::string segment_name(const Program& p, const std::string& id) {
  const SegmentDef* s = segment_of(p, id);
  return s ? quoted(s->name.empty() ? s->id : s->name) : quoted(id);
}

std::string offer_name(const Program& p, const std::string& id) {
  const OfferDef* o = offer_of(p, id);
  return quoted(o && !o->content.title.empty() ? o->content.title : id);
}

std::string fate_words(const Program& p, const Decision& d, const Fate& f) {
  const OfferDef* o = offer_of(p, f.offer);
  const std::string& r = f.reason;
  if (r == "outranked") return outranked_words(p, d, f, o);
  if (r == "paused") return "Paused: it shows to nobody until it is enabled.";
  if (r == "rule_not_met") return "Its own rule does not hold for this visitor.";
  if (r == "control_group") return "The visitor is in the control group, which never sees an offer.";
  if (r == "not_in_segment") {
    if (!o || o->segments.empty()) return "The visitor is in none of its segments.";
    std::string names;
    for (std::size_t i = 0; i < o->segments.size(); ++i) {
      if (i) names += i + 1 == o->segments.size() ? " or " : ", ";
      const SegmentDef& s = p.segments[static_cast<std::size_t>(o->segments[i])];
      names += quoted(s.name.empty() ? s.id : s.name);
    }
    return "The visitor is not in " + names + ".";
  }
  if (!o) return "Blocked (" + r + ").";
  if (r == "capped_session") return "Capped: shown " + times(o->cap_session) + " this session, as often as its cap allows.";
  if (r == "capped_day") return "Capped: shown " + times(o->cap_day) + " in the last 24 hours, as often as its cap allows.";
  if (r == "capped_week") return "Capped: shown " + times(o->cap_week) + " in the last 7 days, as often as its cap allows.";
  if (r == "cooling_down") return "Cooling down: it waits " + span_words(o->cooldown) + " after each show.";
  if (r == "suppressed_dismissed") return "Dismissed recently: it stays away " + span_words(o->suppress_dismissed) + " after a dismissal.";
  if (r == "suppressed_converted") return "Converted recently: it stays away " + span_words(o->suppress_converted) + " after a conversion.";
  if (r == "out_of_schedule") return "Outside its schedule.";
  if (r == "held_out") return "Held out: " + format_number(o->holdout * 100) + " % of visitors never see it, for measurement, and this visitor is one of them.";
  return "Not shown (" + r + ").";
}

std::string decision_words(const Program& p, const Decision& d) {
  if (!d.offer.empty()) {
    const std::string shows = "Shows " + offer_name(p, d.offer);
    if (!d.segment.empty()) return shows + " for " + segment_name(p, d.segment) + ".";
    const OfferDef* o = offer_of(p, d.offer);
    return shows + (o && o->rule >= 0 ? ": its own rule holds." : ", the fallback for everyone.");
  }
  if (d.reason == "no_match") return "Shows nothing: no offer of this slot serves the visitor; the page keeps its own content.";
  if (d.reason == "control_group") return "Shows nothing: the visitor is in the control group.";
  return "Shows nothing: every offer for the visitor is blocked; the page keeps its own content.";
}

std::string explain_slot_json(Engine& engine, std::string_view slot, Millis now) {
  const Program& p = engine.program();
  for (const Decision& d : engine.decide(now)) {
    if (d.slot != slot) continue;
    Json j = Json::object();
    j.set("slot", d.slot);
    j.set("offer", d.offer.empty() ? Json(nullptr) : Json(d.offer));
    j.set("reason", d.reason);
    j.set("segment", d.segment.empty() ? Json(nullptr) : Json(d.segment));
    j.set("words", decision_words(p, d));
    Json fates = Json::array();
    for (const Fate& f : d.fates) {
      Json item = Json::object();
      item.set("offer", f.offer);
      item.set("name", offer_name(p, f.offer));
      item.set("reason", f.reason);
      if (!f.by.empty()) {
        item.set("by", f.by);
        item.set("because", f.because);
      }
      if (!f.segment.empty()) item.set("segment", f.segment);
      item.set("words", fate_words(p, d, f));
      fates.push_back(std::move(item));
    }
    j.set("fates", std::move(fates));
    return j.dump();
  }
  Json j = Json::object();
  Json error = Json::object();
  error.set("code", "unknown_slot");
  error.set("path", "");
  error.set("message", "There is no slot \"" + std::string(slot.substr(0, 64)) + "\".");
  j.set("error", std::move(error));
  return j.dump();
}

}  // namespace seg
