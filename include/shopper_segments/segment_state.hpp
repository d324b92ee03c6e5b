// One segment's state at a time, in program order: what an evaluation writes and what the WASM
// boundary reads, in one array so that neither copies the other.
#pragma once

namespace seg {

struct SegmentState {
  bool member = false;
  double score = 0;
};

}  // namespace seg
