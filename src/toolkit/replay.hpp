// Replays a log of event lines: one Engine per visitor, all sharing one compiled Program. The
// CLI's replay and explain and the studio's log replay (toolkit module) both run it.
#pragma once
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "toolkit/event_line.hpp"
#include "shopper_segments/engine.hpp"

namespace seg {

class Replay {
 public:
  explicit Replay(std::shared_ptr<const Program> program);

  // Feeds one parsed line to its visitor's engine; false with `error` when the engine refuses it
  // (a record for an offer the configuration does not have).
  bool apply(const EventLine& line, std::string& error);

  // One JSON line per visitor (no newline), in order of first appearance:
  //   {"visitor":"v1","segments":["id",...],"offers":{"slot":"offer_id" or null}}
  // evaluated at `now`, or else at the visitor's latest time stamp.
  void each_result(std::optional<Millis> now, const std::function<void(const std::string&)>& line);

  // The same evaluation summed over the visitors, for segment sizes and offer shares:
  //   {"visitors":N,"events":E,"segments":[{"id","name","members"}...],
  //    "slots":[{"slot","offers":[{"offer":id or null,"visitors":n}...]}...]}
  // segments in the program's order, slots and offers in order of first appearance.
  std::string summary_json(std::optional<Millis> now);

  // Feeds every line of `text` (JSON Lines; blank lines skipped) and reports each line it could
  // not use as {"line":N,"message":...} in the JSON array it returns (at most `max_reported`);
  // line numbers go on from the previous call, so a log can come in chunks of whole lines.
  std::string apply_lines(std::string_view text, std::size_t max_reported = 100);
  std::uint64_t events() const { return events_; }

  std::size_t visitor_count() const { return visitors_.size(); }
  // The engine of a visitor and the latest time stamp seen for it; null when never seen.
  Engine* find(std::string_view visitor_id, Millis* latest = nullptr);

 private:
  struct VisitorEngine {
    Engine engine;
    Millis latest;
  };
  VisitorEngine& visitor(const std::string& id, Millis ts);

  std::shared_ptr<const Program> program_;
  std::deque<VisitorEngine> visitors_;  // deque: references stay valid as it grows
  std::unordered_map<std::string, std::size_t> index_;
  std::size_t last_ = 0;  // logs come in runs of one visitor: check the last one before hashing
  std::uint64_t events_ = 0;
  std::uint64_t lines_ = 0;
};

// The output line of one visitor (no trailing newline).
std::string result_line(const std::string& visitor, Engine& engine, Millis now);

}  // namespace seg
