// Replays a log of event lines: one Engine per visitor, all sharing one compiled Program.
#pragma once
#include <deque>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <unordered_map>

#include "cli/event_line.hpp"
#include "shopper_segments/engine.hpp"

namespace seg::cli {

class Replay {
 public:
  explicit Replay(std::shared_ptr<const Program> program);

  // Feeds one parsed line to its visitor's engine; false with `error` when the engine refuses it
  // (a record for an offer the configuration does not have).
  bool apply(const EventLine& line, std::string& error);

  // One JSON line per visitor, in order of first appearance:
  //   {"visitor":"v1","segments":["id",...],"offers":{"slot":"offer_id" or null}}
  // evaluated at `now`, or else at the visitor's latest time stamp.
  void write_results(std::ostream& out, std::optional<Millis> now);

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
};

// The output line of one visitor (no trailing newline).
std::string result_line(const std::string& visitor, Engine& engine, Millis now);

}  // namespace seg::cli
