// Segments and rules that can never hold, for any visitor at any time: read from the compiled
// Program, so windows, filters and defaults are already what the engine evaluates ("7d" and "1w"
// are one window; a count without a comparison is "at least once"). Only certain findings: a rule
// is reported when no visitor, event history or clock can make it hold.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "engine/program.hpp"

namespace seg {

struct Never {
  std::string path;    // the condition to look at
  std::string reason;  // words that complete "... can never hold: "
};

// How reasons name things: a rule node in the owner's words, a segment by its name.
struct Wording {
  std::function<std::string(int node)> quote;
  std::function<std::string(int segment)> segment;
};

class NeverHolds {
 public:
  // Looks at every segment, in evaluation order, so a segment that needs another one knows
  // whether that one can hold.
  NeverHolds(const Program& program, Wording wording);

  std::optional<Never> rule(int node) const;
  // Index as in Program::segments.
  const std::optional<Never>& segment(int index) const { return segments_[static_cast<std::size_t>(index)]; }

 private:
  std::optional<Never> contradiction(int node) const;
  std::optional<Never> scored(const SegmentDef& def) const;

  const Program& p_;
  Wording words_;
  std::vector<std::optional<Never>> segments_;
};

}  // namespace seg
