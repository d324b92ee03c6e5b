// GA4 BigQuery export rows (src/toolkit/ga4_export.cpp): how a row becomes an event, the rows it
// skips, and each refusal as a code and a sentence; the scanner accepts what JSON accepts.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "toolkit/ga4_export.hpp"

using seg::EventLine;
using seg::RowError;
using seg::RowResult;

namespace {

using Strings = std::vector<std::pair<std::string, std::string>>;
using Numbers = std::vector<std::pair<std::string, double>>;

// A row with the columns every test needs, and `more` (",..." JSON members) after them.
std::string row(const std::string& name, const std::string& more = "") {
  return R"({"event_date":"20240501","event_timestamp":"1714550400123456","event_name":")" + name +
         R"(","user_pseudo_id":"123.456")" + more + "}";
}

std::string param(const std::string& key, const std::string& value) {
  return R"({"key":")" + key + R"(","value":)" + value + "}";
}

EventLine event_of(const std::string& text) {
  EventLine out;
  RowError error;
  const RowResult result = seg::read_ga4_row(text, out, error);
  INFO(text << " -> " << error.code << ": " << error.message);
  REQUIRE(result == RowResult::Event);
  return out;
}

RowError refusal(const std::string& text) {
  EventLine out;
  RowError error;
  INFO(text);
  CHECK(seg::read_ga4_row(text, out, error) == RowResult::Bad);
  CHECK_FALSE(error.message.empty());
  return error;
}

}  // namespace

TEST_CASE("a GA4 row: name, time in microseconds floored to milliseconds, user_pseudo_id") {
  const EventLine e = event_of(row("page_view"));
  CHECK(e.kind == EventLine::Kind::Event);
  CHECK(e.event.type == "page_view");
  CHECK(e.ts == 1714550400123);
  CHECK(e.visitor == "123.456");
  CHECK(e.event.strings.empty());
  CHECK(e.event.numbers.empty());
}

TEST_CASE("event_params: the first value that is not null, INT64 given as a string") {
  const std::string params = ",\"event_params\":[" +
      param("page_type", R"({"string_value":"product","int_value":null,"float_value":null,"double_value":null})") + "," +
      param("ga_session_id", R"({"string_value":null,"int_value":"1714550400","float_value":null,"double_value":null})") + "," +
      param("value", R"({"string_value":null,"int_value":null,"float_value":null,"double_value":19.9})") + "," +
      param("score", R"({"int_value":7})") + "," +
      param("empty", R"({"string_value":null,"int_value":null})") + "," +
      param("no_value", "null") + "]";
  const EventLine e = event_of(row("view_item", params));
  CHECK(e.event.strings == Strings{{"page_type", "product"}});
  CHECK(e.event.numbers == Numbers{{"ga_session_id", 1714550400}, {"value", 19.9}, {"score", 7}});
}

TEST_CASE("items: one item lifts id, category, brand, price and quantity; several give their strings") {
  const std::string one =
      R"(,"items":[{"item_id":"SKU-1","item_name":"Boot","item_brand":"Fernhill","item_category":"Shoes","item_category2":null,"price":89.5,"quantity":"2","item_params":[]}])";
  const EventLine e = event_of(row("view_item", one));
  CHECK(e.event.strings == Strings{{"item_id", "SKU-1"}, {"item_category", "Shoes"}, {"item_brand", "Fernhill"}});
  CHECK(e.event.numbers == Numbers{{"price", 89.5}, {"quantity", 2}});

  // A parameter of the same name came first: it stays, the item's is not added.
  const EventLine p = event_of(row("view_item", ",\"event_params\":[" + param("price", R"({"double_value":80})") + "]" + one));
  CHECK(p.event.numbers == Numbers{{"price", 80}, {"quantity", 2}});

  const std::string two =
      R"(,"items":[{"item_id":"A","item_category":"Shoes","price":1},{"item_id":"B","item_category":"Bags","quantity":"1"}])";
  const EventLine t = event_of(row("purchase", two));
  CHECK(t.event.strings == Strings{{"item_id", "A"}, {"item_category", "Shoes"}, {"item_id", "B"}, {"item_category", "Bags"}});
  CHECK(t.event.numbers.empty());
}

TEST_CASE("ecommerce.purchase_revenue is the value when no parameter gave one") {
  CHECK(event_of(row("purchase", R"(,"ecommerce":{"purchase_revenue":120.5,"transaction_id":"T1"})")).event.numbers ==
        Numbers{{"value", 120.5}});
  CHECK(event_of(row("purchase", ",\"event_params\":[" + param("value", R"({"double_value":99})") +
                                     R"(],"ecommerce":{"purchase_revenue":120.5})")).event.numbers == Numbers{{"value", 99}});
}

TEST_CASE("user_id stands in when user_pseudo_id is null; escapes are decoded; other columns are read past") {
  const EventLine e = event_of(
      R"({"event_name":"search","event_timestamp":1714550400000000,"user_pseudo_id":null,"user_id":"u\u00e9\/1",)"
      R"("device":{"web_info":{"browser":"Chrome \"x\""}},"geo":{"city":"K\u00f6ln"},"event_params":[)" +
      param("search_term", R"({"string_value":"boots \ud83d\ude00 \n"})") + "]}");
  CHECK(e.visitor == "u\xC3\xA9/1");
  CHECK(e.ts == 1714550400000);
  CHECK(e.event.strings == Strings{{"search_term", "boots \xF0\x9F\x98\x80 \n"}});
}

TEST_CASE("when a column repeats, the last one counts, as in a JSON document") {
  const EventLine e = event_of(row("page_view", R"(,"event_name":"view_item","user_pseudo_id":"again")"));
  CHECK(e.event.type == "view_item");
  CHECK(e.visitor == "again");
}

TEST_CASE("GA4's own session_start and first_visit are skipped: the engine counts sessions itself") {
  EventLine out;
  RowError error;
  CHECK(seg::read_ga4_row(row("session_start"), out, error) == RowResult::Skipped);
  CHECK(seg::read_ga4_row(row("first_visit"), out, error) == RowResult::Skipped);
  CHECK(seg::read_ga4_row(row("user_engagement"), out, error) == RowResult::Event);
}

TEST_CASE("every refusal has a code and a sentence") {
  CHECK(refusal(R"({"event_name":"x")").code == "not_json");
  CHECK(refusal(row("x", R"(,"geo":{"city":"a\qb"})")).code == "not_json");       // a bad escape, even in a column not used
  CHECK(refusal(row("x", ",\"geo\":\"\xC3\x28\"")).code == "not_json");           // bad UTF-8
  CHECK(refusal(row("x", R"(,"n":1e999)")).code == "not_json");                  // not finite
  CHECK(refusal(row("x") + " x").code == "not_json");
  CHECK(refusal("[1,2]").code == "not_object");
  CHECK(refusal(R"({"event_timestamp":"1","user_pseudo_id":"a"})").code == "no_event_name");
  CHECK(refusal(R"({"event_name":"","event_timestamp":"1","user_pseudo_id":"a"})").code == "no_event_name");
  CHECK(refusal(R"({"event_name":"x","user_pseudo_id":"a"})").code == "bad_timestamp");
  CHECK(refusal(R"({"event_name":"x","event_timestamp":"soon","user_pseudo_id":"a"})").code == "bad_timestamp");
  CHECK(refusal(R"({"event_name":"x","event_timestamp":"-5","user_pseudo_id":"a"})").code == "bad_timestamp");
  CHECK(refusal(R"({"event_name":"x","event_timestamp":1.5,"user_pseudo_id":"a"})").code == "bad_timestamp");
  CHECK(refusal(R"({"event_name":"x","event_timestamp":"1"})").code == "no_visitor");
  CHECK(refusal(R"({"event_name":"x","event_timestamp":"1","user_pseudo_id":7})").code == "no_visitor");
  CHECK(refusal(R"({"event_name":"x","event_timestamp":"1","user_pseudo_id":")" + std::string(300, 'v') + "\"}").code ==
        "visitor_too_long");
  CHECK(refusal(row("x", R"(,"event_params":{"key":"a"})")).code == "bad_event_params");
  CHECK(refusal(row("x", R"(,"event_params":[{"value":{"string_value":"a"}}])")).code == "bad_event_params");
  CHECK(refusal(row("x", ",\"event_params\":[" + param("a", R"({"int_value":"12x"})") + "]")).code == "bad_event_params");
  CHECK(refusal(row("x", ",\"event_params\":[" + param("a", R"({"double_value":"1.5"})") + "]")).code == "bad_event_params");
  CHECK(refusal(row("x", R"(,"items":[{"price":"cheap"}])")).code == "bad_items");
  CHECK(refusal(row("x", R"(,"items":[1])")).code == "bad_items");
  CHECK(refusal(row("x", R"(,"ecommerce":{"purchase_revenue":"lots"})")).code == "bad_ecommerce");
  std::string deep = row("x", ",\"geo\":" + std::string(100, '[') + std::string(100, ']'));
  CHECK(refusal(deep).code == "too_deep");
  const RowError error = refusal(R"({"event_name":"x","event_timestamp":"1","user_pseudo_id":"a","event_params":[{"key":"k","value":{"int_value":"x"}}]})");
  CHECK(error.message == "event_params entry 1's int_value must be a whole number");
}

TEST_CASE("the checked-in export fixture reads without a bad row") {
  std::ifstream in(SEG_SOURCE_DIR "/tests/cli/data/ga4-export.jsonl");
  REQUIRE(in);
  std::size_t events = 0, skipped = 0;
  for (std::string line; std::getline(in, line);) {
    EventLine out;
    RowError error;
    const RowResult result = seg::read_ga4_row(line, out, error);
    INFO(error.message);
    REQUIRE(result != RowResult::Bad);
    (result == RowResult::Event ? events : skipped) += 1;
  }
  CHECK(events > 20);
  CHECK(skipped > 3);
}

TEST_CASE("large rows: many parameters, an item with many (and repeated) members") {
  std::string params;
  for (int i = 0; i < 20000; ++i) params += (i ? "," : "") + param("p" + std::to_string(i), R"({"int_value":")" + std::to_string(i) + "\"}");
  std::string item = R"({"item_id":"first")";
  for (int i = 0; i < 20000; ++i) item += ",\"m" + std::to_string(i % 5000) + "\":\"v" + std::to_string(i) + "\"";
  item += R"(,"item_id":"last"})";
  const EventLine e = event_of(row("view_item", ",\"event_params\":[" + params + "],\"items\":[" + item + "," + item + "]"));
  CHECK(e.event.numbers.size() == 20000);
  CHECK(e.event.numbers.back() == std::pair<std::string, double>{"p19999", 19999});
  // two items: every string member once per item, a repeated one with its last value where it first stood
  REQUIRE(e.event.strings.size() == 2 * 5001);
  CHECK(e.event.strings[0] == std::pair<std::string, std::string>{"item_id", "last"});
  CHECK(e.event.strings[1] == std::pair<std::string, std::string>{"m0", "v15000"});
}
