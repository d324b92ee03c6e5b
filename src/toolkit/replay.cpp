#include "toolkit/replay.hpp"

#include <algorithm>

#include "engine/json.hpp"
#include "engine/profile.hpp"
#include "engine/program.hpp"

namespace seg {

Replay::Replay(std::shared_ptr<const Program> program) : program_(std::move(program)) {}

namespace {

// A visitor's latest time stamp, under the engine's rule for clocks (kClockSlack in
// engine/profile.hpp): a line well before the newest one means the newer lines were wrongly dated,
// so one bad line years ahead does not leave the visitor evaluated years from now.
void follow_clock(Millis& latest, Millis ts) {
  latest = ts < latest - kClockSlack ? ts : std::max(latest, ts);
}

}  // namespace

Replay::VisitorEngine& Replay::visitor(const std::string& id, Millis ts) {
  if (last_ < visitors_.size() && visitors_[last_].engine.visitor_id() == id) {
    VisitorEngine& known = visitors_[last_];
    follow_clock(known.latest, ts);
    return known;
  }
  const auto found = index_.find(id);
  if (found != index_.end()) {
    last_ = found->second;
    VisitorEngine& known = visitors_[last_];
    follow_clock(known.latest, ts);
    return known;
  }
  last_ = visitors_.size();
  index_.emplace(id, last_);
  visitors_.push_back(VisitorEngine{Engine(program_), ts});
  visitors_.back().engine.set_visitor_id(id);
  return visitors_.back();
}

bool Replay::apply(const EventLine& line, std::string& error) {
  VisitorEngine& v = visitor(line.visitor, line.ts);
  switch (line.kind) {
    case EventLine::Kind::Event:
      v.engine.track(line.event, line.ts);
      ++events_;
      return true;
    case EventLine::Kind::Traits:
      for (const auto& [key, value] : line.values) v.engine.set_trait(key, value);
      return true;
    case EventLine::Kind::Context:
      for (const auto& [key, value] : line.values) v.engine.set_context(key, value);
      return true;
    case EventLine::Kind::Record:
      if (v.engine.record(line.offer, line.outcome, line.ts)) return true;
      error = "record names an offer the configuration does not have: \"" + line.offer + "\"";
      return false;
  }
  return true;
}

Engine* Replay::find(std::string_view visitor_id, Millis* latest) {
  const auto found = index_.find(std::string(visitor_id));
  if (found == index_.end()) return nullptr;
  if (latest != nullptr) *latest = visitors_[found->second].latest;
  return &visitors_[found->second].engine;
}

std::string result_line(const std::string& visitor, Engine& engine, Millis now) {
  std::string line = "{\"visitor\":";
  append_quoted(line, visitor);
  line += ",\"segments\":[";
  std::vector<SegmentResult> segments;
  const std::vector<Decision> decisions = engine.decide(now, segments);
  bool first = true;
  for (const SegmentResult& segment : segments) {
    if (!segment.member) continue;
    if (!first) line.push_back(',');
    first = false;
    append_quoted(line, segment.id);
  }
  line += "],\"offers\":{";
  first = true;
  for (const Decision& decision : decisions) {
    if (!first) line.push_back(',');
    first = false;
    append_quoted(line, decision.slot);
    line.push_back(':');
    if (decision.offer.empty()) {
      line += "null";
    } else {
      append_quoted(line, decision.offer);
    }
  }
  line += "}}";
  return line;
}

void Replay::each_result(std::optional<Millis> now, const std::function<void(const std::string&)>& line) {
  for (VisitorEngine& v : visitors_) {
    line(result_line(v.engine.visitor_id(), v.engine, now.value_or(v.latest)));
    v.engine.trim();  // one visitor's evaluation memory at a time, not every visitor's at the end
  }
}

std::string Replay::apply_lines(std::string_view text, std::size_t max_reported) {
  std::string bad = "[";
  std::size_t reported = 0;
  EventLine line;
  std::string error;
  while (!text.empty()) {
    const std::size_t end = std::min(text.find('\n'), text.size());
    std::string_view raw = text.substr(0, end);
    text.remove_prefix(end == text.size() ? end : end + 1);
    ++lines_;
    if (raw.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    bool ok;
    if (raw.size() > kMaxLineBytes) {
      ok = false;
      error = "the line is longer than " + std::to_string(kMaxLineBytes) + " bytes";
    } else {
      ok = parse_event_line(raw, line, error) && apply(line, error);
    }
    if (ok) continue;
    if (reported++ >= max_reported) continue;
    if (bad.size() > 1) bad += ',';
    bad += "{\"line\":";
    append_number(bad, static_cast<double>(lines_));
    bad += ",\"message\":";
    append_quoted(bad, error);
    bad += '}';
  }
  return bad + ']';
}

std::string Replay::summary_json(std::optional<Millis> now) {
  const std::size_t segment_count = program_->segments.size();
  std::vector<std::size_t> members(segment_count, 0);
  std::vector<std::string> slots;                                // in order of first appearance
  std::vector<std::vector<std::pair<std::string, std::size_t>>> offers;  // per slot: offer ("" none), visitors
  std::vector<SegmentResult> segments;
  for (VisitorEngine& v : visitors_) {
    const std::vector<Decision> decisions = v.engine.decide(now.value_or(v.latest), segments);
    for (std::size_t i = 0; i < segments.size() && i < segment_count; ++i)
      if (segments[i].member) ++members[i];
    for (const Decision& d : decisions) {
      auto slot = std::find(slots.begin(), slots.end(), d.slot);
      if (slot == slots.end()) {
        slots.push_back(d.slot);
        offers.emplace_back();
        slot = slots.end() - 1;
      }
      auto& counts = offers[static_cast<std::size_t>(slot - slots.begin())];
      auto found = std::find_if(counts.begin(), counts.end(), [&](const auto& c) { return c.first == d.offer; });
      if (found == counts.end()) counts.emplace_back(d.offer, 1);
      else ++found->second;
    }
    v.engine.trim();
  }
  std::string out = "{\"visitors\":";
  append_number(out, static_cast<double>(visitors_.size()));
  out += ",\"events\":";
  append_number(out, static_cast<double>(events_));
  out += ",\"segments\":[";
  for (std::size_t i = 0; i < segment_count; ++i) {
    if (i) out += ',';
    out += "{\"id\":";
    append_quoted(out, program_->segments[i].id);
    out += ",\"name\":";
    append_quoted(out, program_->segments[i].name);
    out += ",\"members\":";
    append_number(out, static_cast<double>(members[i]));
    out += '}';
  }
  out += "],\"slots\":[";
  for (std::size_t s = 0; s < slots.size(); ++s) {
    if (s) out += ',';
    out += "{\"slot\":";
    append_quoted(out, slots[s]);
    out += ",\"offers\":[";
    for (std::size_t k = 0; k < offers[s].size(); ++k) {
      if (k) out += ',';
      out += "{\"offer\":";
      if (offers[s][k].first.empty()) out += "null";
      else append_quoted(out, offers[s][k].first);
      out += ",\"visitors\":";
      append_number(out, static_cast<double>(offers[s][k].second));
      out += '}';
    }
    out += "]}";
  }
  return out + "]}";
}

}  // namespace seg
