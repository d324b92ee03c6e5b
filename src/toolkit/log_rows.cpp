#include "toolkit/log_rows.hpp"

namespace seg {
namespace {

class EventLines : public RowReader {
 public:
  RowResult line(std::string_view text, EventLine& out, RowError& error) override {
    if (text.find_first_not_of(" \t\r") == std::string_view::npos) return RowResult::Skipped;
    if (parse_event_line(text, out, error.message)) return RowResult::Event;
    error.code = "bad_event_line";
    return RowResult::Bad;
  }
};

}  // namespace

std::unique_ptr<RowReader> event_line_reader() { return std::make_unique<EventLines>(); }

}  // namespace seg
