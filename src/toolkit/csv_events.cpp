#include "toolkit/csv_events.hpp"

#include <algorithm>
#include <cmath>

#include "toolkit/json_scan.hpp"

namespace seg {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool numeric_by_default(std::string_view name) {
  static const char* const kNumbers[] = {"value", "price", "quantity", "score", "percent", "seconds", "shipping", "tax"};
  return std::any_of(std::begin(kNumbers), std::end(kNumbers), [&](const char* n) { return name == n; });
}

// Days since 1970-01-01 of a date in the proleptic Gregorian calendar.
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

bool digits(std::string_view s, std::size_t at, std::size_t n, int& out) {
  if (at + n > s.size()) return false;
  out = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

// YYYY-MM-DD[(T| )HH:MM[:SS[.fff...]]][Z|(+|-)HH[:]MM]
bool iso_time(std::string_view s, Millis& out) {
  int year, month, day, hour = 0, minute = 0, second = 0;
  if (!digits(s, 0, 4, year) || s.size() < 10 || s[4] != '-' || !digits(s, 5, 2, month) || s[7] != '-' ||
      !digits(s, 8, 2, day)) {
    return false;
  }
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1 || day > kDays[month - 1]) return false;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (month == 2 && day == 29 && !leap) return false;
  std::size_t at = 10;
  double fraction = 0;
  if (at < s.size() && (s[at] == 'T' || s[at] == ' ')) {
    if (!digits(s, at + 1, 2, hour) || at + 3 >= s.size() || s[at + 3] != ':' || !digits(s, at + 4, 2, minute)) return false;
    at += 6;
    if (at < s.size() && s[at] == ':') {
      if (!digits(s, at + 1, 2, second)) return false;
      at += 3;
      if (at < s.size() && (s[at] == '.' || s[at] == ',')) {
        ++at;
        double scale = 0.1;
        const std::size_t first = at;
        for (; at < s.size() && s[at] >= '0' && s[at] <= '9'; ++at, scale /= 10) fraction += (s[at] - '0') * scale;
        if (at == first) return false;
      }
    }
    if (hour > 23 || minute > 59 || second > 60) return false;
  }
  int offset_minutes = 0;
  if (at < s.size()) {
    if (s[at] == 'Z' || s[at] == 'z') {
      ++at;
    } else if (s[at] == '+' || s[at] == '-') {
      const int sign = s[at] == '-' ? -1 : 1;
      int oh, om = 0;
      if (!digits(s, at + 1, 2, oh)) return false;
      at += 3;
      if (at < s.size() && s[at] == ':') ++at;
      if (at < s.size()) {
        if (!digits(s, at, 2, om)) return false;
        at += 2;
      }
      if (oh > 23 || om > 59) return false;
      offset_minutes = sign * (oh * 60 + om);
    }
  }
  if (at != s.size()) return false;
  const std::int64_t days = days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  const std::int64_t seconds = days * 86400 + hour * 3600 + minute * 60 + second - offset_minutes * 60;
  out = seconds * 1000 + static_cast<Millis>(std::floor(fraction * 1000 + 1e-6));
  return true;
}

constexpr double kMaxMillis = 9007199254740992.0;  // 2^53

class CsvRows : public RowReader {
 public:
  explicit CsvRows(CsvMapping mapping) : mapping_(std::move(mapping)) {}

  RowResult line(std::string_view text, EventLine& out, RowError& error) override {
    if (!pending_) {
      if (trim(text).empty()) return RowResult::Skipped;
      record_.clear();
      cells_.clear();
    } else {
      record_.push_back('\n');
    }
    record_.append(text.data(), text.size());
    if (record_.size() > kMaxLineBytes) {  // a quote never closed must not hold the whole file
      pending_ = false;
      error.code = "row_too_long";
      error.message = "the row is longer than " + std::to_string(kMaxLineBytes) + " bytes (a quote not closed?)";
      return RowResult::Bad;
    }
    if (!header_read_ && delimiter_ == 0) delimiter_ = mapping_.delimiter ? mapping_.delimiter : guess_delimiter(record_);
    const Split split = split_record(record_, error);
    if (split == Split::Open) {
      pending_ = true;
      return RowResult::Pending;
    }
    pending_ = false;
    if (split == Split::Bad) return header_failed_ ? RowResult::Skipped : RowResult::Bad;
    if (!header_read_) return read_header(error);
    if (header_failed_) return RowResult::Skipped;
    return read_row(out, error);
  }

  RowResult finish(EventLine&, RowError& error) override {
    if (!pending_) return RowResult::Skipped;
    pending_ = false;
    error.code = "unterminated_quote";
    error.message = "a quoted cell is not closed before the end of the file";
    return RowResult::Bad;
  }

 private:
  enum class Split { Done, Open, Bad };

  static char guess_delimiter(std::string_view header) {
    const auto count = [&](char c) { return std::count(header.begin(), header.end(), c); };
    const long commas = count(','), semicolons = count(';'), tabs = count('\t');
    if (semicolons > commas && semicolons >= tabs) return ';';
    if (tabs > commas && tabs > semicolons) return '\t';
    return ',';
  }

  // The cells of record_ into cells_ (views into cell_text_ are rebuilt: indices).
  Split split_record(std::string_view text, RowError& error) {
    cells_.clear();
    cell_text_.clear();
    std::size_t i = 0;
    for (;;) {
      const std::size_t begin = cell_text_.size();
      while (i < text.size() && (text[i] == ' ' || text[i] == '\t') && text[i] != delimiter_) ++i;
      if (i < text.size() && text[i] == '"') {
        ++i;
        for (;;) {
          if (i >= text.size()) return Split::Open;
          if (text[i] == '"') {
            if (i + 1 < text.size() && text[i + 1] == '"') {
              cell_text_.push_back('"');
              i += 2;
              continue;
            }
            ++i;
            break;
          }
          cell_text_.push_back(text[i++]);
        }
        while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r') && text[i] != delimiter_) ++i;
        if (i < text.size() && text[i] != delimiter_) {
          error.code = "bad_quotes";
          error.message = "cell " + std::to_string(cells_.size() + 1) + " has text after its closing quote";
          return Split::Bad;
        }
      } else {
        const std::size_t start = i;
        while (i < text.size() && text[i] != delimiter_) ++i;
        const std::string_view raw = trim(text.substr(start, i - start));
        cell_text_.append(raw.data(), raw.size());
      }
      cells_.emplace_back(begin, cell_text_.size() - begin);
      if (i >= text.size()) return Split::Done;
      ++i;  // the delimiter
    }
  }

  std::string_view cell(std::size_t index) const {
    return std::string_view(cell_text_).substr(cells_[index].first, cells_[index].second);
  }

  RowResult read_header(RowError& error) {
    header_read_ = true;
    const auto find = [&](const std::string& name, std::size_t& out) {
      for (std::size_t i = 0; i < cells_.size(); ++i) {
        if (cell(i) == name) {
          out = i;
          return true;
        }
      }
      return false;
    };
    std::string missing;
    const auto need = [&](const std::string& name, std::size_t& out) {
      if (find(name, out)) return;
      if (!missing.empty()) missing += ", ";
      missing += "\"" + name + "\"";
    };
    need(mapping_.visitor, visitor_);
    need(mapping_.time, time_);
    need(mapping_.event, event_);
    fields_.assign(mapping_.fields.size(), 0);
    for (std::size_t i = 0; i < mapping_.fields.size(); ++i) need(mapping_.fields[i].column, fields_[i]);
    if (missing.empty()) {
      widest_ = std::max({visitor_, time_, event_});
      for (const std::size_t f : fields_) widest_ = std::max(widest_, f);
      return RowResult::Skipped;
    }
    header_failed_ = true;
    error.code = "bad_header";
    error.message = "the header has no column " + missing + " that the mapping names; no row was read";
    return RowResult::Bad;
  }

  RowResult read_row(EventLine& out, RowError& error) {
    out.clear();
    if (cells_.size() <= widest_) {
      error.code = "short_row";
      error.message = "the row has " + std::to_string(cells_.size()) + " cells; the mapping reads cell " + std::to_string(widest_ + 1);
      return RowResult::Bad;
    }
    const std::string_view visitor = cell(visitor_);
    if (visitor.empty()) {
      error.code = "no_visitor";
      error.message = "the cell " + mapping_.visitor + " (the visitor) is empty";
      return RowResult::Bad;
    }
    if (visitor.size() > kMaxStringBytes) {
      error.code = "visitor_too_long";
      error.message = "the visitor id is longer than " + std::to_string(kMaxStringBytes) + " bytes";
      return RowResult::Bad;
    }
    if (!csv_time(cell(time_), mapping_.time_unit, out.ts)) {
      error.code = "bad_time";
      error.message = "the cell " + mapping_.time + " is not a time: a number of " +
                      (mapping_.time_unit == CsvMapping::TimeUnit::Seconds ? "seconds"
                       : mapping_.time_unit == CsvMapping::TimeUnit::Microseconds ? "microseconds" : "milliseconds") +
                      " since the epoch or a date like 2024-05-01T12:30:00Z";
      return RowResult::Bad;
    }
    const std::string_view event = cell(event_);
    if (event.empty()) {
      error.code = "no_event_name";
      error.message = "the cell " + mapping_.event + " (the event name) is empty";
      return RowResult::Bad;
    }
    out.visitor.assign(visitor);
    out.event.type.assign(event);
    for (std::size_t i = 0; i < fields_.size(); ++i) {
      const CsvMapping::Field& field = mapping_.fields[i];
      std::string_view value = cell(fields_[i]);
      while (!value.empty()) {
        std::string_view one = value;
        if (field.list) {
          const std::size_t bar = value.find('|');
          one = value.substr(0, bar);
          value = bar == std::string_view::npos ? std::string_view() : value.substr(bar + 1);
        } else {
          value = std::string_view();
        }
        one = trim(one);
        if (one.empty()) continue;
        if (!field.number) {
          out.event.strings.emplace_back(field.name, std::string(one));
          continue;
        }
        JsonScan scan(one);
        std::string_view text;
        bool integral = false;
        double number = 0;
        if (!scan.number(text, integral) || !scan.at_end() || !json_number_value(text, integral, number)) {
          error.code = "bad_number";
          error.message = "the cell " + field.column + " (" + field.name + ") is not a number like 19.90";
          return RowResult::Bad;
        }
        out.event.numbers.emplace_back(field.name, number);
      }
    }
    out.kind = EventLine::Kind::Event;
    return RowResult::Event;
  }

  CsvMapping mapping_;
  char delimiter_ = 0;
  bool header_read_ = false;
  bool header_failed_ = false;
  bool pending_ = false;
  std::string record_;
  std::string cell_text_;
  std::vector<std::pair<std::size_t, std::size_t>> cells_;  // offset, length in cell_text_
  std::size_t visitor_ = 0, time_ = 0, event_ = 0, widest_ = 0;
  std::vector<std::size_t> fields_;
};

}  // namespace

bool csv_time(std::string_view text, CsvMapping::TimeUnit unit, Millis& out) {
  text = trim(text);
  if (text.empty()) return false;
  JsonScan scan(text);
  std::string_view number;
  bool integral = false;
  double value = 0;
  if (text.size() < 10 || text[4] != '-') {
    if (!scan.number(number, integral) || !scan.at_end() || !json_number_value(number, integral, value)) return false;
    const double scale = unit == CsvMapping::TimeUnit::Seconds ? 1000.0 : unit == CsvMapping::TimeUnit::Microseconds ? 0.001 : 1.0;
    const double ms = std::floor(value * scale);
    if (!(std::fabs(ms) <= kMaxMillis)) return false;
    out = static_cast<Millis>(ms);
    return true;
  }
  return iso_time(text, out);
}

bool parse_csv_mapping(std::string_view text, CsvMapping& out, std::string& error) {
  out = CsvMapping();
  std::size_t at = 0;
  while (at <= text.size()) {
    std::size_t comma = text.find(',', at);
    if (comma == std::string_view::npos) comma = text.size();
    const std::string_view entry = trim(text.substr(at, comma - at));
    at = comma + 1;
    if (entry.empty()) continue;
    const std::size_t eq = entry.find('=');
    if (eq == std::string_view::npos) {
      error = "\"" + std::string(entry) + "\" is not NAME=COLUMN";
      return false;
    }
    std::string name(trim(entry.substr(0, eq)));
    const std::string column(trim(entry.substr(eq + 1)));
    if (name.empty() || column.empty()) {
      error = "\"" + std::string(entry) + "\" needs a name and a column";
      return false;
    }
    if (name == "visitor") out.visitor = column;
    else if (name == "time") out.time = column;
    else if (name == "event") out.event = column;
    else if (name == "time_unit") {
      if (column == "ms") out.time_unit = CsvMapping::TimeUnit::Milliseconds;
      else if (column == "s") out.time_unit = CsvMapping::TimeUnit::Seconds;
      else if (column == "us") out.time_unit = CsvMapping::TimeUnit::Microseconds;
      else {
        error = "time_unit is ms, s or us, not \"" + column + "\"";
        return false;
      }
    } else if (name == "delimiter") {
      if (column == "," || column == "comma") out.delimiter = ',';
      else if (column == ";") out.delimiter = ';';
      else if (column == "tab") out.delimiter = '\t';
      else if (column == "|") out.delimiter = '|';
      else {
        error = "delimiter is \",\", \";\", \"tab\" or \"|\", not \"" + column + "\"";
        return false;
      }
    } else {
      CsvMapping::Field field;
      field.column = column;
      const std::size_t colon = name.find(':');
      std::string kind;
      if (colon != std::string::npos) {
        kind = name.substr(colon + 1);
        name.erase(colon);
      }
      if (name.size() > 2 && name.compare(name.size() - 2, 2, "[]") == 0) {
        field.list = true;
        name.erase(name.size() - 2);
      }
      if (name.empty() || name.size() > kMaxStringBytes) {
        error = "\"" + std::string(entry) + "\" needs a field name";
        return false;
      }
      if (kind.empty()) field.number = numeric_by_default(name);
      else if (kind == "number") field.number = true;
      else if (kind == "text") field.number = false;
      else {
        error = "a field is NAME:number or NAME:text, not \"" + std::string(entry.substr(0, eq)) + "\"";
        return false;
      }
      field.name = std::move(name);
      out.fields.push_back(std::move(field));
    }
  }
  std::string missing;
  for (const auto& [key, value] : {std::pair<const char*, const std::string*>{"visitor", &out.visitor},
                                   {"time", &out.time}, {"event", &out.event}}) {
    if (!value->empty()) continue;
    if (!missing.empty()) missing += ", ";
    missing += std::string(key) + "=COLUMN";
  }
  if (!missing.empty()) {
    error = "the mapping needs " + missing;
    return false;
  }
  return true;
}

std::unique_ptr<RowReader> csv_row_reader(CsvMapping mapping) { return std::make_unique<CsvRows>(std::move(mapping)); }

}  // namespace seg
