// Replaying an event log for segment sizes and offer shares: what the studio's "Replay" runs in
// the toolkit module (in a Web Worker), over the same row readers and replay as the CLI.
// Formats: the project's JSON Lines (`shopper-segments replay`), rows of a GA4 BigQuery export
// (newline-delimited JSON), or CSV with a column mapping (src/toolkit/csv_events.hpp).
#pragma once
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "engine.hpp"

namespace seg {

class Replay;
class RowReader;

enum class LogFormat { EventLines, Ga4Export, Csv };

struct LogReplayOptions {
  std::size_t max_live_visitors = 10000;  // visitors held at once (memory is bounded by it)
  std::optional<Millis> now;              // evaluate at this time, else each visitor at its latest row
};

// Parses a format's name ("jsonl", "ga4", "csv"); false when unknown.
bool parse_log_format(std::string_view name, LogFormat& out);

class LogReplay {
 public:
  // Reads JSON Lines until use_format() says otherwise.
  explicit LogReplay(std::shared_ptr<const Program> program, const LogReplayOptions& options = {});
  ~LogReplay();
  LogReplay(const LogReplay&) = delete;
  LogReplay& operator=(const LogReplay&) = delete;

  // The log's format, before its first line; false with a sentence in `error` when the CSV
  // mapping ("visitor=COL,time=COL,event=COL,...", src/toolkit/csv_events.hpp) is not one.
  bool use_format(LogFormat format, std::string_view csv_mapping, std::string& error);
  // Before the first line: the summary also gives, for every rule node, the visitors for whom it
  // holds ("nodes":[{"path","visitors"}]): what the studio shows beside each node of a rule.
  void count_nodes(bool on);

  // Feeds whole lines; the rows it could not use as a JSON array of {line, code, message} (at most
  // `max_reported`), line numbers counted from the first call.
  std::string apply_lines(std::string_view text, std::size_t max_reported = 100);
  // The log ended: a row left open (a CSV quote never closed) is reported, as apply_lines does.
  std::string end_of_log();
  // {"visitors","events","rows","skipped","bad","segments":[{"id","name","members"}],
  //  "slots":[{"slot","offers":[{"offer","visitors"}]}]}
  std::string summary_json();
  std::size_t live_visitors() const;

 private:
  std::unique_ptr<Replay> replay_;
  std::unique_ptr<RowReader> reader_;
};

}  // namespace seg
