// Replaying an event log (JSON Lines, the format of `shopper-segments replay`) for segment sizes
// and offer shares: what the studio's "Replay a log" runs in the toolkit module, over the same
// line reader and replay as the CLI.
#pragma once
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "engine.hpp"

namespace seg {

class Replay;

class LogReplay {
 public:
  // One engine per visitor, all running `program` (the toolkit's compile_config).
  explicit LogReplay(std::shared_ptr<const Program> program);
  ~LogReplay();
  LogReplay(const LogReplay&) = delete;
  LogReplay& operator=(const LogReplay&) = delete;

  // Feeds whole lines; the lines it could not use as a JSON array of {line, message} (at most
  // `max_reported`), line numbers counted from the first call.
  std::string apply_lines(std::string_view text, std::size_t max_reported = 100);
  // {"visitors","events","segments":[{"id","name","members"}],"slots":[{"slot","offers":[{"offer","visitors"}]}]}
  // with each visitor evaluated at `now`, or else at its latest line.
  std::string summary_json(std::optional<Millis> now = std::nullopt);

 private:
  std::unique_ptr<Replay> replay_;
};

}  // namespace seg
