// The CSV reader (src/toolkit/csv_events.cpp): the first line of the input is the column mapping,
// the rest the file. Never crashes, never holds more than the row limit, every refusal has a code
// and a sentence, every event has a visitor, a type and a time; the same file fed with "\r\n"
// line ends gives the same rows.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "toolkit/csv_events.hpp"
#include "fuzz_check.hpp"

namespace {

struct Outcome {
  std::vector<seg::RowResult> results;
  std::vector<seg::EventLine> events;
};

Outcome read(const seg::CsvMapping& mapping, std::string_view text) {
  auto reader = seg::csv_row_reader(mapping);
  Outcome out;
  seg::EventLine line;
  seg::RowError error;
  const auto take = [&](seg::RowResult r) {
    if (r == seg::RowResult::Pending) return;
    out.results.push_back(r);
    if (r == seg::RowResult::Bad) SEG_FUZZ_EXPECT(!error.code.empty() && !error.message.empty());
    if (r == seg::RowResult::Event) {
      SEG_FUZZ_EXPECT(!line.visitor.empty() && line.visitor.size() <= seg::kMaxStringBytes);
      SEG_FUZZ_EXPECT(!line.event.type.empty());
      out.events.push_back(line);
    }
  };
  while (!text.empty()) {
    const std::size_t end = std::min(text.find('\n'), text.size());
    take(reader->line(text.substr(0, end), line, error));
    text.remove_prefix(end == text.size() ? end : end + 1);
  }
  take(reader->finish(line, error));
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t newline = input.find('\n');
  if (newline == std::string_view::npos) return 0;
  seg::CsvMapping mapping;
  std::string error;
  if (!seg::parse_csv_mapping(input.substr(0, newline), mapping, error)) {
    SEG_FUZZ_EXPECT(!error.empty());
    return 0;
  }
  const std::string_view file = input.substr(newline + 1);
  const Outcome plain = read(mapping, file);
  if (file.find('\r') != std::string_view::npos || file.find('"') != std::string_view::npos) return 0;
  std::string crlf;
  for (const char c : file) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  const Outcome windows = read(mapping, crlf);
  SEG_FUZZ_EXPECT(plain.results == windows.results);
  SEG_FUZZ_EXPECT(plain.events.size() == windows.events.size());
  for (std::size_t i = 0; i < plain.events.size(); ++i) {
    SEG_FUZZ_EXPECT(plain.events[i].visitor == windows.events[i].visitor);
    SEG_FUZZ_EXPECT(plain.events[i].ts == windows.events[i].ts);
    SEG_FUZZ_EXPECT(plain.events[i].event.strings == windows.events[i].event.strings);
  }
  return 0;
}
