// Events from a CSV file with a header row and a column mapping that says which column is what:
//
//   visitor=user_id,time=created_at,event=action,item_id=sku,price=unit_price,tags[]=labels
//
//   visitor, time, event   required: the columns holding the visitor id, the time and the event name
//   time_unit=ms|s|us      the unit of a time written as a plain number (default ms); a time may also be
//                          an ISO 8601 date-time ("2024-05-01T12:30:00Z", "2024-05-01 12:30:00+02:00",
//                          no zone: UTC)
//   NAME=COLUMN            the event field NAME from COLUMN; value, price, quantity, score, percent,
//                          seconds, shipping and tax are numbers, other fields strings; NAME:number or
//                          NAME:text says so explicitly; NAME[] takes several values split at "|"
//   delimiter=;            the separator (",", ";", "tab" or "|"); by default the most frequent of
//                          comma, semicolon and tab in the header
// Columns are named as in the header (exactly, after trimming spaces). Fields follow RFC 4180:
// quoted fields may hold the separator, "" for a quote, and line breaks. An empty cell is no field.
#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "toolkit/log_rows.hpp"

namespace seg {

struct CsvMapping {
  struct Field {
    std::string name;    // the event field
    std::string column;  // the header's name
    bool number = false;
    bool list = false;
  };
  std::string visitor, time, event;
  enum class TimeUnit { Milliseconds, Seconds, Microseconds } time_unit = TimeUnit::Milliseconds;
  char delimiter = 0;  // 0: from the header
  std::vector<Field> fields;
};

// False with a sentence in `error` when the mapping text is not usable.
bool parse_csv_mapping(std::string_view text, CsvMapping& out, std::string& error);

// Milliseconds since the epoch from a time cell: a plain number in `unit`, or ISO 8601.
bool csv_time(std::string_view text, CsvMapping::TimeUnit unit, Millis& out);

// Row errors: bad_header (a mapped column is missing: every later row is skipped), bad_quotes,
// short_row, no_visitor, visitor_too_long, bad_time, no_event_name, bad_number, unterminated_quote.
std::unique_ptr<RowReader> csv_row_reader(CsvMapping mapping);

}  // namespace seg
