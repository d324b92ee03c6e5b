#include "toolkit/replay.hpp"

#include <algorithm>

#include "engine/evaluator.hpp"
#include "engine/json.hpp"
#include "engine/profile.hpp"
#include "engine/program.hpp"

namespace seg {

// ---- FinishedVisitors ----

std::uint64_t FinishedVisitors::hash(std::string_view id) {
  std::uint64_t h = 1469598103934665603ULL;  // FNV-1a, then a final mix so nearby ids spread
  for (const char c : id) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  return h == 0 ? 1 : h;
}

void FinishedVisitors::insert(std::string_view id) {
  if ((count_ + 1) * 2 > slots_.size()) {  // keep it at most half full
    std::vector<std::uint64_t> old = std::move(slots_);
    slots_.assign(std::max<std::size_t>(64, old.size() * 2), 0);
    count_ = 0;
    for (const std::uint64_t h : old) {
      if (h == 0) continue;
      std::size_t i = h & (slots_.size() - 1);
      while (slots_[i] != 0) i = (i + 1) & (slots_.size() - 1);
      slots_[i] = h;
      ++count_;
    }
  }
  const std::uint64_t h = hash(id);
  std::size_t i = h & (slots_.size() - 1);
  while (slots_[i] != 0) {
    if (slots_[i] == h) return;
    i = (i + 1) & (slots_.size() - 1);
  }
  slots_[i] = h;
  ++count_;
}

bool FinishedVisitors::contains(std::string_view id) const {
  if (slots_.empty()) return false;
  const std::uint64_t h = hash(id);
  for (std::size_t i = h & (slots_.size() - 1); slots_[i] != 0; i = (i + 1) & (slots_.size() - 1)) {
    if (slots_[i] == h) return true;
  }
  return false;
}

// ---- Replay ----

namespace {

// Engine::explained hands an evaluation of the visitor to a function; this one adds, for every
// rule node, whether it holds (every node is evaluated when a trace is asked for) to `node_holds`.
thread_local std::vector<std::size_t>* node_holds = nullptr;
Json count_node_holds(Evaluator& eval, int) {
  const Program& p = eval.program();
  thread_local std::vector<NodeOutcome> trace;
  trace.assign(p.nodes.size(), NodeOutcome{});
  for (const SegmentDef& def : p.segments) {
    if (def.root >= 0) eval.eval(def.root, &trace);
    for (const Signal& signal : def.signals)
      if (signal.root >= 0) eval.eval(signal.root, &trace);
  }
  for (const auto& offer : p.offers)
    if (offer.rule >= 0) eval.eval(offer.rule, &trace);
  for (std::size_t i = 0; i < trace.size() && i < node_holds->size(); ++i)
    if (trace[i].held) ++(*node_holds)[i];
  return Json();
}

// A visitor's present, under the engine's rule for clocks (kClockSlack in engine/profile.hpp, as
// Engine::track applies it to the profile; traits, context and record lines have times too, so the
// replay keeps its own copy of the two times): a line well before the newest one means the newer
// lines were wrongly dated; a line well after the newest moves the present only once a next line
// confirms it. One bad line years ahead, even the visitor's last, leaves it evaluated at its present.
void follow_clock(Millis& present, Millis& newest, Millis ts) {
  if (ts < newest - kClockSlack) {
    newest = ts;
    present = std::min(present, ts);
  }
  if (ts <= newest + kClockSlack) present = std::max(present, ts);
  newest = std::max(newest, ts);
}

}  // namespace

Replay::Replay(std::shared_ptr<const Program> program, Options options)
    : program_(std::move(program)), options_(options) {
  if (options_.max_live == 0) options_.max_live = 1;
  tally_.members.assign(program_->segments.size(), 0);
  tally_.node_holds.assign(program_->nodes.size(), 0);
}

Replay::Held* Replay::visitor(const std::string& id, Millis ts, RowError& error) {
  std::size_t slot;
  if (last_ < held_.size() && held_[last_].engine.visitor_id() == id) {  // finish() resets last_
    slot = last_;
  } else {
    const auto found = index_.find(id);
    if (found != index_.end()) {
      slot = found->second;
    } else {
      if (finished_.contains(id)) {
        error.code = "visitor_finished";
        error.message = "visitor \"" + id + "\" has a line after it was finished: more than " +
                        std::to_string(options_.max_live) +
                        " other visitors came between; sort the log by visitor or by time, or allow more visitors at once";
        return nullptr;
      }
      if (index_.size() >= options_.max_live) finish(recency_.back());
      if (!free_.empty()) {
        slot = free_.back();
        free_.pop_back();
        held_[slot].engine.forget();
      } else {
        slot = held_.size();
        held_.push_back(Held{Engine(program_), 0, 0, 0, {}});
      }
      Held& fresh = held_[slot];
      fresh.engine.set_visitor_id(id);
      fresh.latest = ts;
      fresh.newest = ts;
      fresh.arrival = arrivals_++;
      recency_.push_front(slot);
      fresh.recency = recency_.begin();
      index_.emplace(id, slot);
      peak_live_ = std::max(peak_live_, index_.size());
    }
  }
  last_ = slot;
  Held& held = held_[slot];
  follow_clock(held.latest, held.newest, ts);
  if (held.recency != recency_.begin()) recency_.splice(recency_.begin(), recency_, held.recency);
  return &held;
}

bool Replay::apply(const EventLine& line, RowError& error) {
  // Evaluated as of --now: what happened after it has not happened yet (lifetime totals included).
  if (options_.now && line.ts > *options_.now) {
    ++after_now_;
    return true;
  }
  Held* held = visitor(line.visitor, line.ts, error);
  if (held == nullptr) return false;
  Engine& engine = held->engine;
  switch (line.kind) {
    case EventLine::Kind::Event:
      engine.track(line.event, line.ts);
      ++events_;
      return true;
    case EventLine::Kind::Traits:
      for (const auto& [key, value] : line.values) engine.set_trait(key, value);
      return true;
    case EventLine::Kind::Context:
      for (const auto& [key, value] : line.values) engine.set_context(key, value);
      return true;
    case EventLine::Kind::Record:
      if (engine.record(line.offer, line.outcome, line.ts)) return true;
      error.code = "unknown_offer";
      error.message = "record names an offer the configuration does not have: \"" + line.offer + "\"";
      return false;
  }
  return true;
}

Engine* Replay::find(std::string_view visitor_id, Millis* latest) {
  const auto found = index_.find(std::string(visitor_id));
  if (found == index_.end()) return nullptr;
  if (latest != nullptr) *latest = held_[found->second].latest;
  return &held_[found->second].engine;
}

void Replay::Tally::add(const std::vector<SegmentResult>& segments, const std::vector<Decision>& decisions) {
  ++visitors;
  for (std::size_t i = 0; i < segments.size() && i < members.size(); ++i)
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
}

void Replay::result(Held& held, Tally& tally, bool to_sink) {
  const std::vector<Decision> decisions = held.engine.decide(options_.now.value_or(held.latest), segments_scratch_);
  tally.add(segments_scratch_, decisions);
  if (options_.count_nodes) {
    node_holds = &tally.node_holds;
    held.engine.explained(&count_node_holds, 0, options_.now.value_or(held.latest));
    node_holds = nullptr;
  }
  if (to_sink && sink_) sink_(result_line(held.engine.visitor_id(), segments_scratch_, decisions));
}

void Replay::finish(std::size_t slot) {
  Held& held = held_[slot];
  result(held, tally_, true);
  const std::string& id = held.engine.visitor_id();
  finished_.insert(id);
  index_.erase(id);
  recency_.erase(held.recency);
  held.recency = recency_.end();
  held.engine.trim();
  free_.push_back(slot);
  if (last_ == slot) last_ = SIZE_MAX;
}

void Replay::finish_all() {
  std::vector<std::size_t> slots;
  slots.reserve(index_.size());
  for (const auto& entry : index_) slots.push_back(entry.second);
  std::sort(slots.begin(), slots.end(), [&](std::size_t a, std::size_t b) { return held_[a].arrival < held_[b].arrival; });
  for (const std::size_t slot : slots) finish(slot);
}

std::string Replay::apply_lines(std::string_view text, std::size_t max_reported) {
  auto reader = event_line_reader();
  return apply_lines(text, *reader, max_reported);
}

std::string Replay::apply_lines(std::string_view text, RowReader& reader, std::size_t max_reported) {
  std::string bad = "[";
  std::size_t reported = 0;
  EventLine line;
  RowError error;
  const auto report = [&](std::uint64_t number) {
    ++bad_;
    if (reported++ < max_reported) append_bad(bad, number, error);
  };
  while (!text.empty()) {
    const std::size_t end = std::min(text.find('\n'), text.size());
    std::string_view raw = text.substr(0, end);
    text.remove_prefix(end == text.size() ? end : end + 1);
    ++lines_;
    RowResult result;
    if (raw.size() > kMaxLineBytes) {
      error.code = "line_too_long";
      error.message = "the line is longer than " + std::to_string(kMaxLineBytes) + " bytes";
      result = RowResult::Bad;
    } else {
      result = reader.line(raw, line, error);
    }
    if (result == RowResult::Pending) continue;
    if (result == RowResult::Skipped) {
      if (raw.find_first_not_of(" \t\r") != std::string_view::npos) ++skipped_;
      continue;
    }
    ++rows_;
    if (result == RowResult::Event && apply(line, error)) continue;
    report(lines_);
  }
  return bad + ']';
}

void Replay::append_bad(std::string& bad, std::uint64_t line, const RowError& error) {
  if (bad.size() > 1) bad += ',';
  bad += "{\"line\":";
  append_number(bad, static_cast<double>(line));
  bad += ",\"code\":";
  append_quoted(bad, error.code);
  bad += ",\"message\":";
  append_quoted(bad, error.message);
  bad += '}';
}

std::string Replay::end_of_log(RowReader& reader) {
  EventLine line;
  RowError error;
  const RowResult result = reader.finish(line, error);
  if (result != RowResult::Event && result != RowResult::Bad) return "[]";
  ++rows_;
  if (result == RowResult::Event && apply(line, error)) return "[]";
  ++bad_;
  std::string bad = "[";
  append_bad(bad, lines_, error);
  return bad + ']';
}

std::string Replay::summary_json() {
  Tally tally = tally_;
  for (const auto& entry : index_) result(held_[entry.second], tally, false);
  const std::size_t segment_count = program_->segments.size();
  std::string out = "{\"visitors\":";
  append_number(out, static_cast<double>(tally.visitors));
  out += ",\"events\":";
  append_number(out, static_cast<double>(events_));
  out += ",\"rows\":";
  append_number(out, static_cast<double>(rows_));
  out += ",\"skipped\":";
  append_number(out, static_cast<double>(skipped_));
  out += ",\"bad\":";
  append_number(out, static_cast<double>(bad_));
  out += ",\"after_now\":";
  append_number(out, static_cast<double>(after_now_));
  out += ",\"segments\":[";
  for (std::size_t i = 0; i < segment_count; ++i) {
    if (i) out += ',';
    out += "{\"id\":";
    append_quoted(out, program_->segments[i].id);
    out += ",\"name\":";
    append_quoted(out, program_->segments[i].name);
    out += ",\"members\":";
    append_number(out, static_cast<double>(tally.members[i]));
    out += '}';
  }
  out += "],\"slots\":[";
  for (std::size_t s = 0; s < tally.slots.size(); ++s) {
    if (s) out += ',';
    out += "{\"slot\":";
    append_quoted(out, tally.slots[s]);
    out += ",\"offers\":[";
    for (std::size_t k = 0; k < tally.offers[s].size(); ++k) {
      if (k) out += ',';
      out += "{\"offer\":";
      if (tally.offers[s][k].first.empty()) out += "null";
      else append_quoted(out, tally.offers[s][k].first);
      out += ",\"visitors\":";
      append_number(out, static_cast<double>(tally.offers[s][k].second));
      out += '}';
    }
    out += "]}";
  }
  out += ']';
  if (options_.count_nodes) {
    out += ",\"nodes\":[";
    for (std::size_t i = 0; i < program_->nodes.size(); ++i) {
      if (i) out += ',';
      out += "{\"path\":";
      append_quoted(out, program_->nodes[i].path);
      out += ",\"visitors\":";
      append_number(out, static_cast<double>(tally.node_holds[i]));
      out += '}';
    }
    out += ']';
  }
  return out + '}';
}

std::string result_line(const std::string& visitor, const std::vector<SegmentResult>& segments,
                        const std::vector<Decision>& decisions) {
  std::string line = "{\"visitor\":";
  append_quoted(line, visitor);
  line += ",\"segments\":[";
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
    if (decision.offer.empty()) line += "null";
    else append_quoted(line, decision.offer);
  }
  line += "}}";
  return line;
}

std::string result_line(const std::string& visitor, Engine& engine, Millis now) {
  std::vector<SegmentResult> segments;
  const std::vector<Decision> decisions = engine.decide(now, segments);
  return result_line(visitor, segments, decisions);
}

}  // namespace seg
