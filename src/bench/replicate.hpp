// Benchmark data: a replay log copied until it holds a given number of lines.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace seg::bench {

// Copies `lines` (replay lines with "visitor":"..." and "ts":N) until `count` lines are written:
// copy r renames every visitor to "<id>~r<r>" and moves every time stamp r * `shift_ms` later,
// so each copy is a new set of visitors with the same journeys. Returns the text, one line each.
std::string replicate_log(const std::vector<std::string>& lines, std::size_t count, long long shift_ms);

}  // namespace seg::bench
