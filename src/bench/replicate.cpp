#include "replicate.hpp"

#include <string_view>

namespace seg::bench {
namespace {

// Appends `line` with the visitor id suffixed and the time stamp shifted; a line without the two
// keys is copied as it is.
void append_copy(std::string& out, std::string_view line, std::size_t copy, long long shift) {
  constexpr std::string_view kVisitor = "\"visitor\":\"";
  constexpr std::string_view kTs = "\"ts\":";
  const auto visitor = line.find(kVisitor);
  const auto ts = line.find(kTs);
  if (visitor == std::string_view::npos || ts == std::string_view::npos || copy == 0) {
    out.append(line);
    out.push_back('\n');
    return;
  }
  const auto visitor_end = line.find('"', visitor + kVisitor.size());
  auto ts_end = ts + kTs.size();
  while (ts_end < line.size() && line[ts_end] >= '0' && line[ts_end] <= '9') ++ts_end;
  const long long old_ts = std::stoll(std::string(line.substr(ts + kTs.size(), ts_end - ts - kTs.size())));
  const std::string suffix = "~r" + std::to_string(copy);
  const std::string new_ts = std::to_string(old_ts + static_cast<long long>(copy) * shift);
  // The two keys may come in either order: rewrite the later one first so offsets stay valid.
  std::string text(line);
  if (ts > visitor) {
    text.replace(ts + kTs.size(), ts_end - ts - kTs.size(), new_ts);
    text.insert(visitor_end, suffix);
  } else {
    text.insert(visitor_end, suffix);
    text.replace(ts + kTs.size(), ts_end - ts - kTs.size(), new_ts);
  }
  out += text;
  out.push_back('\n');
}

}  // namespace

std::string replicate_log(const std::vector<std::string>& lines, std::size_t count, long long shift_ms) {
  std::string out;
  if (lines.empty()) return out;
  out.reserve(count * (lines[0].size() + 16));
  for (std::size_t written = 0, copy = 0; written < count; ++copy) {
    for (std::size_t i = 0; i < lines.size() && written < count; ++i, ++written) {
      append_copy(out, lines[i], copy, shift_ms);
    }
  }
  return out;
}

}  // namespace seg::bench
