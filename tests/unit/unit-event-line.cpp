// The replay line readers of the CLI (src/cli/event_line*.cpp): what they accept, what they
// refuse and why, and that the fast reader agrees with the JSON reader on every line it takes.
#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include "toolkit/event_line.hpp"
#include "cli/line_reader.hpp"

using seg::Value;
using seg::EventLine;
using seg::parse_event_line;
using seg::parse_event_line_fast;
using seg::parse_event_line_json;
using seg::same_event_line;

namespace {

using Strings = std::vector<std::pair<std::string, std::string>>;
using Numbers = std::vector<std::pair<std::string, double>>;

EventLine parsed(const std::string& line) {
  EventLine out;
  std::string error;
  const bool ok = parse_event_line(line, out, error);
  INFO(line << " -> " << error);
  REQUIRE(ok);
  return out;
}

std::string refusal(const std::string& line) {
  EventLine out;
  std::string error;
  const bool ok = parse_event_line(line, out, error);
  INFO(line);
  CHECK_FALSE(ok);
  CHECK_FALSE(error.empty());
  return error;
}

// The fast reader takes the line, and the JSON reader reads the same thing from it.
void check_fast_path(const std::string& line) {
  EventLine fast;
  EventLine json;
  std::string error;
  INFO(line);
  REQUIRE(parse_event_line_fast(line, fast));
  REQUIRE(parse_event_line_json(line, json, error));
  CHECK(same_event_line(fast, json));
}

// The fast reader leaves the line to the JSON reader.
void check_deferred(const std::string& line) {
  EventLine fast;
  INFO(line);
  CHECK_FALSE(parse_event_line_fast(line, fast));
}

}  // namespace

TEST_CASE("a plain event line becomes an event of its visitor at its time") {
  const EventLine line = parsed(
      R"({"visitor":"v1","ts":1700000000000,"type":"view_item","item_id":"sku1","price":19.9,"tags":["new","sale"]})");
  CHECK(line.kind == EventLine::Kind::Event);
  CHECK(line.visitor == "v1");
  CHECK(line.ts == 1700000000000);
  CHECK(line.event.type == "view_item");
  CHECK(line.event.strings == Strings{{"item_id", "sku1"}, {"tags", "new"}, {"tags", "sale"}});
  CHECK(line.event.numbers == Numbers{{"price", 19.9}});
}

TEST_CASE("key order does not matter and spaces are allowed") {
  const EventLine line = parsed(" { \"type\" : \"search\" , \"search_term\" : \"red shoes\", \"ts\": 5, \"visitor\": \"v\" } \r");
  CHECK(line.event.type == "search");
  CHECK(line.visitor == "v");
  CHECK(line.ts == 5);
  CHECK(line.event.strings == Strings{{"search_term", "red shoes"}});
}

TEST_CASE("a purchase's items give repeated string fields; their other members are ignored") {
  const EventLine line = parsed(
      R"({"visitor":"v1","ts":1,"type":"purchase","value":59.5,"currency":"EUR","items":[)"
      R"({"item_id":"a","item_category":"shoes","price":20,"quantity":1},)"
      R"({"item_id":"b","item_category":"socks","item_brand":"Acme","on_sale":true,"note":null}]})");
  CHECK(line.event.strings == Strings{{"currency", "EUR"},
                                      {"item_id", "a"},
                                      {"item_category", "shoes"},
                                      {"item_id", "b"},
                                      {"item_category", "socks"},
                                      {"item_brand", "Acme"}});
  CHECK(line.event.numbers == Numbers{{"value", 59.5}});
}

TEST_CASE("booleans become strings, null is no field, number lists give repeated numbers") {
  const EventLine line =
      parsed(R"({"visitor":"v1","ts":1,"type":"x","gpc":true,"dnt":false,"coupon":null,"scores":[1,2.5]})");
  CHECK(line.event.strings == Strings{{"gpc", "true"}, {"dnt", "false"}});
  CHECK(line.event.numbers == Numbers{{"scores", 1}, {"scores", 2.5}});
}

TEST_CASE("escaped and non-ASCII strings are read exactly") {
  const EventLine line = parsed(
      R"({"visitor":"v\u00e9","ts":1,"type":"search","search_term":"Gr\u00f6\u00dfe \"XL\"","brand":"Größe"})");
  CHECK(line.visitor == "v\xc3\xa9");
  CHECK(line.event.strings == Strings{{"search_term", "Gr\xc3\xb6\xc3\x9f" "e \"XL\""}, {"brand", "Größe"}});
}

TEST_CASE("traits, context and record lines") {
  SUBCASE("traits") {
    const EventLine line = parsed(
        R"({"visitor":"v1","ts":1,"traits":{"customer_orders":2,"loyalty_tier":"gold","newsletter":true,"labels":["a","b"],"nps":null}})");
    CHECK(line.kind == EventLine::Kind::Traits);
    REQUIRE(line.values.size() == 5);
    CHECK(line.values[0].first == "customer_orders");
    CHECK(line.values[0].second.kind == Value::Kind::Number);
    CHECK(line.values[0].second.number == 2);
    CHECK(line.values[1].second.string == "gold");
    CHECK(line.values[2].second.kind == Value::Kind::Bool);
    CHECK(line.values[2].second.boolean);
    CHECK(line.values[3].second.list == std::vector<std::string>{"a", "b"});
    CHECK(line.values[4].second.kind == Value::Kind::None);
  }
  SUBCASE("context") {
    const EventLine line = parsed(R"({"visitor":"v1","ts":1,"context":{"timezone":"Europe/Berlin","tz_offset":60}})");
    CHECK(line.kind == EventLine::Kind::Context);
    REQUIRE(line.values.size() == 2);
    CHECK(line.values[1].second.number == 60);
  }
  SUBCASE("record") {
    const EventLine line = parsed(R"({"visitor":"v1","ts":1,"record":{"offer":"hero_1","outcome":"dismissed"}})");
    CHECK(line.kind == EventLine::Kind::Record);
    CHECK(line.offer == "hero_1");
    CHECK(line.outcome == seg::Outcome::Dismissed);
  }
}

TEST_CASE("a time stamp written as a float is accepted when it is whole") {
  CHECK(parsed(R"({"visitor":"v1","ts":1.7e12,"type":"x"})").ts == 1700000000000);
  CHECK(refusal(R"({"visitor":"v1","ts":1.5,"type":"x"})").find("whole number") != std::string::npos);
  CHECK(refusal(R"({"visitor":"v1","ts":1e300,"type":"x"})").find("whole number") != std::string::npos);
  CHECK(refusal(R"({"visitor":"v1","ts":"1700000000000","type":"x"})").find("\"ts\"") != std::string::npos);
}

TEST_CASE("a repeated key keeps its last value, at the place of the first") {
  const EventLine line = parsed(R"({"visitor":"v1","ts":1,"type":"x","a":"1","b":"2","a":"3"})");
  CHECK(line.event.strings == Strings{{"a", "3"}, {"b", "2"}});
}

TEST_CASE("bad lines are refused with a sentence that says what is wrong") {
  CHECK(refusal(R"({"visitor":"v1","ts":1,"type":"x")").find("not valid JSON") == 0);
  CHECK(refusal("").find("not valid JSON") == 0);
  CHECK(refusal(R"(["visitor","v1"])") == "a line must be a JSON object");
  CHECK(refusal(R"({"ts":1,"type":"x"})").find("\"visitor\"") != std::string::npos);
  CHECK(refusal(R"({"visitor":"","ts":1,"type":"x"})").find("\"visitor\"") != std::string::npos);
  CHECK(refusal(R"({"visitor":7,"ts":1,"type":"x"})").find("\"visitor\"") != std::string::npos);
  CHECK(refusal(R"({"visitor":"v1","type":"x"})").find("\"ts\"") != std::string::npos);
  CHECK(refusal(R"({"visitor":"v1","ts":1})").find("\"type\"") != std::string::npos);
  CHECK(refusal(R"({"visitor":"v1","ts":1,"type":""})").find("\"type\"") != std::string::npos);
  CHECK(refusal(R"({"visitor":"v1","ts":1,"type":"x","traits":{}})").find("both") != std::string::npos);
  CHECK(refusal(R"({"visitor":"v1","ts":1,"type":"x","page":{"a":1}})").find("\"page\"") != std::string::npos);
  CHECK(refusal(R"({"visitor":"v1","ts":1,"type":"x","tags":[["a"]]})").find("list inside a list") !=
        std::string::npos);
  CHECK(refusal(R"({"visitor":"v1","ts":1,"traits":[1]})").find("\"traits\" must be an object") !=
        std::string::npos);
  CHECK(refusal(R"({"visitor":"v1","ts":1,"traits":{"a":{"b":1}}})").find("traits.a") != std::string::npos);
  CHECK(refusal(R"({"visitor":"v1","ts":1,"traits":{"a":[1]}})").find("list of strings") != std::string::npos);
  CHECK(refusal(R"({"visitor":"v1","ts":1,"traits":{},"x":1})").find("unexpected key \"x\"") !=
        std::string::npos);
  CHECK(refusal(R"({"visitor":"v1","ts":1,"record":{"offer":"o","outcome":"liked"}})").find("outcome") !=
        std::string::npos);
  CHECK(refusal(R"({"visitor":"v1","ts":1,"record":{"outcome":"shown"}})").find("offer") != std::string::npos);
  CHECK(refusal(R"({"visitor":"v1","ts":1,"record":{"offer":"o","outcome":"shown","n":1}})")
            .find("unknown key") != std::string::npos);
  CHECK(refusal(R"({"visitor":"v1","ts":1,"type":"x","price":1e999})").find("overflow") != std::string::npos);
  CHECK(refusal("{\"visitor\":\"v1\",\"ts\":1,\"type\":\"x\",\"bad\":\"\xff\"}").find("not valid JSON") == 0);
  CHECK(refusal(std::string(seg::kMaxLineBytes + 1, ' ')).find("longer than") != std::string::npos);
  CHECK(refusal("{\"visitor\":\"" + std::string(300, 'v') + "\",\"ts\":1,\"type\":\"x\"}").find("longer") !=
        std::string::npos);
}

TEST_CASE("the fast reader takes plain event lines and reads them as the JSON reader does") {
  check_fast_path(R"({"visitor":"v1","ts":1700000000000,"type":"view_item","item_id":"sku1"})");
  check_fast_path(R"({"visitor":"v1","ts":-5,"type":"x","a":0,"b":-0,"c":0.5,"d":-12.25,"e":1e3,"f":2.5E-3})");
  check_fast_path(R"({"visitor":"v1","ts":0,"type":"x","p":0.1,"q":123456789.012345,"r":9e22,"s":1e-22})");
  check_fast_path(R"({"visitor":"v1","ts":0,"type":"x","g":true,"h":false,"i":null,"t":[],"u":["a",1,true,null]})");
  check_fast_path(R"({"visitor":"v1","ts":0,"type":"purchase","items":[{},{"item_id":"a","n":1.5,"b":false}]})");
  check_fast_path("{\"visitor\":\"v\xc3\xa9\",\"ts\":0,\"type\":\"x\",\"k\":\"\xe2\x82\xac \xf0\x9f\x9b\x92\"}");
}

TEST_CASE("the fast reader leaves everything else to the JSON reader") {
  check_deferred(R"({"visitor":"v1","ts":1,"traits":{"a":1}})");
  check_deferred(R"({"visitor":"v1","ts":1,"context":{"a":1}})");
  check_deferred(R"({"visitor":"v1","ts":1,"record":{"offer":"o","outcome":"shown"}})");
  check_deferred(R"({"visitor":"v\n1","ts":1,"type":"x"})");          // escape
  check_deferred(R"({"visitor":"v1","ts":1,"type":"x","a":1,"a":2})");  // repeated key
  check_deferred(R"({"visitor":"v1","ts":1.7e12,"type":"x"})");        // float time stamp
  check_deferred(R"({"visitor":"v1","ts":1,"type":"x","a":1234567890123456789})");  // > 15 digits
  check_deferred(R"({"visitor":"v1","ts":1,"type":"x","a":1e23})");    // beyond exact powers of ten
  check_deferred(R"({"visitor":"v1","ts":1,"type":"x","a":01})");      // not JSON
  check_deferred(R"({"visitor":"v1","ts":1,"type":"x"} x)");          // trailing text
  check_deferred(R"({"visitor":"v1","ts":1,"type":"x","o":{"a":1}})");  // object outside a list
  check_deferred("{\"visitor\":\"v1\",\"ts\":1,\"type\":\"x\",\"k\":\"\xed\xa0\x80\"}");  // surrogate
  check_deferred("{\"visitor\":\"v1\",\"ts\":1,\"type\":\"x\",\"k\":\"\xc0\xaf\"}");      // overlong
}

TEST_CASE("one EventLine can be reused: nothing of the previous line leaks into the next") {
  EventLine line;
  std::string error;
  REQUIRE(parse_event_line(R"({"visitor":"v1","ts":1,"type":"x","a":"1","n":2})", line, error));
  REQUIRE(parse_event_line(R"({"visitor":"v2","ts":2,"type":"y"})", line, error));
  CHECK(line.event.strings.empty());
  CHECK(line.event.numbers.empty());
  REQUIRE(parse_event_line(R"({"visitor":"v1","ts":1,"traits":{"a":1}})", line, error));
  REQUIRE(parse_event_line(R"({"visitor":"v2","ts":2,"context":{}})", line, error));
  CHECK(line.values.empty());
}

TEST_CASE("LineReader splits a stream into lines across its block boundaries") {
  std::string text;
  for (int i = 0; i < 100000; ++i) text += "line " + std::to_string(i) + "\n";
  text += "last without newline";
  std::istringstream in(text);
  seg::cli::LineReader reader(in, 1000);
  std::string_view line;
  int count = 0;
  std::string last;
  while (reader.next(line)) {
    if (count < 100000) {
      REQUIRE(line == "line " + std::to_string(count));
    }
    last = std::string(line);
    ++count;
  }
  CHECK(count == 100001);
  CHECK(last == "last without newline");
}

TEST_CASE("LineReader skips an over-long line without holding it and goes on") {
  std::istringstream in("short\n" + std::string(5 << 20, 'x') + "\nafter\n" + std::string(3000, 'y'));
  seg::cli::LineReader reader(in, 1000);
  std::string_view line;
  REQUIRE(reader.next(line));
  CHECK(line == "short");
  CHECK_FALSE(reader.too_long());
  REQUIRE(reader.next(line));
  CHECK(reader.too_long());
  CHECK(line.empty());
  REQUIRE(reader.next(line));
  CHECK(line == "after");
  CHECK_FALSE(reader.too_long());
  REQUIRE(reader.next(line));
  CHECK(reader.too_long());
  CHECK_FALSE(reader.next(line));
}

TEST_CASE("LineReader: an empty stream has no lines; blank lines are lines") {
  std::istringstream empty("");
  seg::cli::LineReader none(empty, 100);
  std::string_view line;
  CHECK_FALSE(none.next(line));
  std::istringstream blanks("\n\n");
  seg::cli::LineReader two(blanks, 100);
  CHECK(two.next(line));
  CHECK(line.empty());
  CHECK(two.next(line));
  CHECK_FALSE(two.next(line));
}
