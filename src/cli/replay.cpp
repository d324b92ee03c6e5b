#include "cli/replay.hpp"

#include <algorithm>

#include "engine/json.hpp"

namespace seg::cli {

Replay::Replay(std::shared_ptr<const Program> program) : program_(std::move(program)) {}

Replay::VisitorEngine& Replay::visitor(const std::string& id, Millis ts) {
  if (last_ < visitors_.size() && visitors_[last_].engine.visitor_id() == id) {
    VisitorEngine& known = visitors_[last_];
    known.latest = std::max(known.latest, ts);
    return known;
  }
  const auto found = index_.find(id);
  if (found != index_.end()) {
    last_ = found->second;
    VisitorEngine& known = visitors_[last_];
    known.latest = std::max(known.latest, ts);
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

void Replay::write_results(std::ostream& out, std::optional<Millis> now) {
  for (VisitorEngine& v : visitors_) {
    out << result_line(v.engine.visitor_id(), v.engine, now.value_or(v.latest)) << '\n';
    v.engine.trim();  // one visitor's evaluation memory at a time, not every visitor's at the end
  }
}

}  // namespace seg::cli
