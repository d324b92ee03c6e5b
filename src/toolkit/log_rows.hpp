// The formats a replay log can come in, read row by row into the engine's events:
//   EventLines  the project's own JSON Lines (toolkit/event_line.hpp)
//   Ga4         rows of a GA4 BigQuery export as BigQuery extracts them (toolkit/ga4_export.hpp)
//   Csv         a CSV file with a header and a column mapping (toolkit/csv_events.hpp)
// A bad row is a value (line number, code, sentence) and never stops the rest of the log.
#pragma once
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "toolkit/event_line.hpp"

namespace seg {

enum class RowResult {
  Event,    // `out` holds a line to replay
  Skipped,  // nothing to replay and nothing wrong (a header, a blank line, an event the engine makes itself)
  Bad,      // `error` says why
  Pending,  // the row goes on on the next line (a quoted CSV field with a line break)
};

struct RowError {
  std::string code;     // stable, for programs: "not_json", "no_visitor", ...
  std::string message;  // one sentence for the owner
};

// Reads one physical line (without its "\n") after another. A reader may keep state between
// lines (the CSV header, a record spanning lines); one reader per log.
class RowReader {
 public:
  virtual ~RowReader() = default;
  virtual RowResult line(std::string_view text, EventLine& out, RowError& error) = 0;
  // The log ended: a row still pending is reported here (Bad) or given (Event); Skipped if none.
  virtual RowResult finish(EventLine& /*out*/, RowError& /*error*/) { return RowResult::Skipped; }
};

// The project's JSON Lines (toolkit/event_line.hpp).
std::unique_ptr<RowReader> event_line_reader();

}  // namespace seg
