#include "shopper_segments/log_replay.hpp"

#include "toolkit/csv_events.hpp"
#include "toolkit/ga4_export.hpp"
#include "toolkit/replay.hpp"

namespace seg {

bool parse_log_format(std::string_view name, LogFormat& out) {
  if (name == "jsonl") out = LogFormat::EventLines;
  else if (name == "ga4") out = LogFormat::Ga4Export;
  else if (name == "csv") out = LogFormat::Csv;
  else return false;
  return true;
}

LogReplay::LogReplay(std::shared_ptr<const Program> program, const LogReplayOptions& options)
    : replay_(std::make_unique<Replay>(std::move(program), Replay::Options{options.now, options.max_live_visitors})),
      reader_(event_line_reader()) {}

bool LogReplay::use_format(LogFormat format, std::string_view csv_mapping, std::string& error) {
  switch (format) {
    case LogFormat::EventLines: reader_ = event_line_reader(); return true;
    case LogFormat::Ga4Export: reader_ = ga4_row_reader(); return true;
    case LogFormat::Csv: {
      CsvMapping mapping;
      if (!parse_csv_mapping(csv_mapping, mapping, error)) return false;
      reader_ = csv_row_reader(std::move(mapping));
      return true;
    }
  }
  return false;
}

LogReplay::~LogReplay() = default;

std::string LogReplay::apply_lines(std::string_view text, std::size_t max_reported) {
  return replay_->apply_lines(text, *reader_, max_reported);
}

void LogReplay::count_nodes(bool on) { replay_->count_nodes(on); }

std::string LogReplay::end_of_log() { return replay_->end_of_log(*reader_); }

std::string LogReplay::summary_json() { return replay_->summary_json(); }

std::size_t LogReplay::live_visitors() const { return replay_->live_visitors(); }

}  // namespace seg
