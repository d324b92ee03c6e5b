#include "shopper_segments/log_replay.hpp"

#include "replay.hpp"

namespace seg {

LogReplay::LogReplay(std::shared_ptr<const Program> program) : replay_(std::make_unique<Replay>(std::move(program))) {}
LogReplay::~LogReplay() = default;

std::string LogReplay::apply_lines(std::string_view text, std::size_t max_reported) {
  return replay_->apply_lines(text, max_reported);
}

std::string LogReplay::summary_json(std::optional<Millis> now) { return replay_->summary_json(now); }

}  // namespace seg
