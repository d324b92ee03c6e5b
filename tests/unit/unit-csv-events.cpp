// CSV logs with a column mapping (src/toolkit/csv_events.cpp): the mapping, times, quoting,
// typed and listed fields, and a refusal per row that never stops the rows after it.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "toolkit/csv_events.hpp"

using seg::CsvMapping;
using seg::EventLine;
using seg::RowError;
using seg::RowResult;

namespace {

struct Read {
  std::vector<EventLine> events;
  std::vector<std::pair<std::size_t, std::string>> bad;  // line, code
};

Read read_all(const std::string& mapping_text, const std::string& text) {
  CsvMapping mapping;
  std::string error;
  REQUIRE(seg::parse_csv_mapping(mapping_text, mapping, error));
  auto reader = seg::csv_row_reader(mapping);
  Read out;
  std::size_t number = 0;
  EventLine line;
  RowError why;
  const auto take = [&](RowResult r) {
    if (r == RowResult::Event) out.events.push_back(line);
    if (r == RowResult::Bad) out.bad.emplace_back(number, why.code);
  };
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = text.find('\n', at);
    if (end == std::string::npos) end = text.size();
    ++number;
    take(reader->line(std::string_view(text).substr(at, end - at), line, why));
    at = end + 1;
  }
  take(reader->finish(line, why));
  return out;
}

}  // namespace

TEST_CASE("a CSV row becomes an event: mapped columns, typed fields, lists split at |") {
  const Read r = read_all("visitor=user,time=at,event=action,item_id=sku,price=cost,tags[]=labels,quantity:text=qty",
                          "at,user,action,sku,cost,labels,qty,unused\n"
                          "1714550400000,u1,view_item,00042,19.90,new|sale,2,x\n");
  REQUIRE(r.events.size() == 1);
  const EventLine& e = r.events[0];
  CHECK(e.visitor == "u1");
  CHECK(e.ts == 1714550400000);
  CHECK(e.event.type == "view_item");
  CHECK(e.event.strings == std::vector<std::pair<std::string, std::string>>{{"item_id", "00042"}, {"tags", "new"}, {"tags", "sale"}, {"quantity", "2"}});
  CHECK(e.event.numbers == std::vector<std::pair<std::string, double>>{{"price", 19.9}});
  CHECK(r.bad.empty());
}

TEST_CASE("times: a number in the mapped unit, or ISO 8601 with or without a zone") {
  using Unit = CsvMapping::TimeUnit;
  seg::Millis t = 0;
  CHECK((seg::csv_time("1714550400", Unit::Seconds, t) && t == 1714550400000));
  CHECK((seg::csv_time("1714550400123456", Unit::Microseconds, t) && t == 1714550400123));
  CHECK((seg::csv_time("2024-05-01T08:00:00Z", Unit::Milliseconds, t) && t == 1714550400000));
  CHECK((seg::csv_time("2024-05-01 10:00:00.250+02:00", Unit::Milliseconds, t) && t == 1714550400250));
  CHECK((seg::csv_time("2024-05-01", Unit::Milliseconds, t) && t == 1714521600000));
  CHECK((seg::csv_time("1970-01-01T00:00:00Z", Unit::Milliseconds, t) && t == 0));
  CHECK((seg::csv_time("2000-02-29T12:00:00Z", Unit::Milliseconds, t) && t == 951825600000));
  CHECK_FALSE(seg::csv_time("2023-02-29", Unit::Milliseconds, t));
  CHECK_FALSE(seg::csv_time("2024-13-01", Unit::Milliseconds, t));
  CHECK_FALSE(seg::csv_time("yesterday", Unit::Milliseconds, t));
  CHECK_FALSE(seg::csv_time("", Unit::Milliseconds, t));
  CHECK_FALSE(seg::csv_time("1e300", Unit::Seconds, t));
}

TEST_CASE("quoting: separators, doubled quotes and line breaks inside quotes; semicolons guessed") {
  const Read r = read_all("visitor=v,time=t,event=e,search_term=q",
                          "v;t;e;q\n"
                          "\"a;1\";1000;search;\"say \"\"hi\"\"\"\n"
                          "b;2000;search;\"two\nlines\"\n");
  REQUIRE(r.events.size() == 2);
  CHECK(r.events[0].visitor == "a;1");
  CHECK(r.events[0].event.strings[0].second == "say \"hi\"");
  CHECK(r.events[1].event.strings[0].second == "two\nlines");
}

TEST_CASE("each bad row is reported with its line and code; the rows after it are read") {
  const Read r = read_all("visitor=v,time=t,event=e,price=p",
                          "v,t,e,p\n"
                          ",1000,view_item,1\n"           // 2 no visitor
                          "a,later,view_item,1\n"         // 3 bad time
                          "a,1000,,1\n"                   // 4 no event
                          "a,1000,view_item,cheap\n"      // 5 not a number
                          "a,1000\n"                      // 6 short
                          "a,1000,\"x\"y,1\n"             // 7 text after a quote
                          "a,1000,view_item,2\n"          // 8 fine
                          "a,1000,view_item,\"open\n");   // 9 never closed
  CHECK(r.events.size() == 1);
  CHECK(r.bad == std::vector<std::pair<std::size_t, std::string>>{
                     {2, "no_visitor"}, {3, "bad_time"}, {4, "no_event_name"}, {5, "bad_number"},
                     {6, "short_row"}, {7, "bad_quotes"}, {9, "unterminated_quote"}});
}

TEST_CASE("a header without a mapped column is one bad row; nothing after it is read") {
  const Read r = read_all("visitor=user,time=at,event=action", "user,when,action\nu1,1000,view_item\nu2,1000,view_item\n");
  CHECK(r.events.empty());
  CHECK(r.bad == std::vector<std::pair<std::size_t, std::string>>{{1, "bad_header"}});
}

TEST_CASE("mappings that are not one are refused with a sentence") {
  CsvMapping m;
  std::string error;
  CHECK_FALSE(seg::parse_csv_mapping("visitor=a,time=b", m, error));
  CHECK(error.find("event=COLUMN") != std::string::npos);
  CHECK_FALSE(seg::parse_csv_mapping("visitor=a,time=b,event=c,price", m, error));
  CHECK_FALSE(seg::parse_csv_mapping("visitor=a,time=b,event=c,time_unit=days", m, error));
  CHECK_FALSE(seg::parse_csv_mapping("visitor=a,time=b,event=c,price:money=p", m, error));
  CHECK(seg::parse_csv_mapping(" visitor = a , time=b,event=c,delimiter=tab,time_unit=s ", m, error));
  CHECK(m.delimiter == '\t');
  CHECK(m.time_unit == CsvMapping::TimeUnit::Seconds);
}
