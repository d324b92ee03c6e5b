// Bounded work per input byte: every parser, loader and suggestion, fed n and then 10n keys (or
// references), must do at most about ten times the work (n log n allowed), counted in operations
// (Json::key_comparisons, suggestion_cells_computed), never timed. Each of these was quadratic:
// a key looked up among the keys before it, "did you mean" computed per reference per segment.
#include <doctest/doctest.h>

#include <functional>
#include <string>

#include "engine/json.hpp"
#include "shopper_segments/engine.hpp"
#include "shopper_segments/toolkit.hpp"
#include "toolkit/compile_context.hpp"
#include "toolkit/event_line.hpp"

using namespace seg;

namespace {

struct Work {
  std::uint64_t comparisons = 0, cells = 0;
};

Work work_of(const std::function<void()>& run) {
  const std::uint64_t comparisons = Json::key_comparisons(), cells = suggestion_cells_computed();
  run();
  return Work{Json::key_comparisons() - comparisons, suggestion_cells_computed() - cells};
}

// `make(n)` builds an input of size about n; its work at 10n must stay within `factor` times its
// work at n (16: ten times, and the log factor of a sorted index, with room; quadratic work gives 100).
void check_scales(const char* what, const std::function<std::string(int)>& make, const std::function<void(const std::string&)>& run,
                  int n = 1000, double factor = 16) {
  const std::string small = make(n), large = make(10 * n);
  const Work a = work_of([&] { run(small); });
  const Work b = work_of([&] { run(large); });
  INFO(what << ": key comparisons " << a.comparisons << " -> " << b.comparisons << ", suggestion cells " << a.cells << " -> "
            << b.cells);
  CHECK(static_cast<double>(b.comparisons) <= factor * static_cast<double>(a.comparisons) + 1000);
  CHECK(static_cast<double>(b.cells) <= factor * static_cast<double>(a.cells) + 1000);
  CHECK(b.cells <= kSuggestionCells);
}

std::string keys(int n, const char* prefix, const char* value) {
  std::string out;
  for (int i = 0; i < n; ++i) out += (i ? ",\"" : "\"") + std::string(prefix) + std::to_string(i) + "\":" + value;
  return out;
}

}  // namespace

TEST_CASE("JSON objects with many keys (state, traits, context) parse in n log n") {
  check_scales("engine JSON", [](int n) { return "{" + keys(n, "k", "1") + "}"; },
               [](const std::string& text) {
                 Json out;
                 std::size_t offset = 0;
                 REQUIRE(Json::parse(text, out, offset));
                 CHECK(out.size() > 0);
               });
  check_scales("repeated keys", [](int n) { return "{" + keys(n, "k", "1") + "," + keys(n, "k", "2") + "}"; },
               [](const std::string& text) {
                 Json out;
                 std::size_t offset = 0;
                 REQUIRE(Json::parse(text, out, offset));
                 CHECK(out["k0"].number() == 2);  // the last value, as JSON.parse
               });
  check_scales("traits", [](int n) { return "{" + keys(n, "t", "\"x\"") + "}"; },
               [](const std::string& text) {
                 Engine engine;
                 CHECK(!engine.set_traits_json(text).empty());  // past 64 values: too_large
               });
  check_scales("saved state", [](int n) { return R"({"format":"shopper-segments-state","version":1,"saved":0,"series":{)" + keys(n, "s", "{}") + "}}"; },
               [](const std::string& text) {
                 Engine engine;
                 CHECK(!engine.load(text, 0).empty());
               });
}

TEST_CASE("configurations with many keys, and their suggestions, compile in n log n") {
  check_scales("unknown top-level keys", [](int n) { return R"({"version":1,"segments":[],)" + keys(n, "segmentz", "1") + "}"; },
               [](const std::string& text) { CHECK(compile_config(text).issues.size() >= 1000); });
  check_scales("where with many fields",
               [](int n) { return R"({"version":1,"segments":[{"id":"a","rule":{"count":"view_item","where":{)" + keys(n, "f", "\"x\"") + R"(},"gte":1}}]})"; },
               [](const std::string& text) { CHECK(!compile_config(text).issues.empty()); });
  // References to unknown segments: suggestions grew with references x segments.
  check_scales("unknown segment references",
               [](int n) {
                 std::string out = R"({"version":1,"segments":[)";
                 for (int i = 0; i < n; ++i)
                   out += (i ? "," : "") + std::string(R"({"id":"segment_)") + std::to_string(i) + R"(","rule":{"segment":"segmant_)" +
                          std::to_string(i) + "\"}}";
                 return out + "]}";
               },
               [](const std::string& text) { CHECK(!compile_config(text).issues.empty()); }, 100);
}

TEST_CASE("an event line with many fields reads in n log n") {
  check_scales("event line", [](int n) { return R"({"visitor":"v","ts":1,"type":"view_item",)" + keys(n, "f", "\"x\"") + "}"; },
               [](const std::string& line) {
                 EventLine out;
                 std::string error;
                 CHECK(parse_event_line(line, out, error));
               });
}

TEST_CASE("suggestions still find the near word") {
  const CompileResult result = compile_config(R"({"version":1,"segments":[{"id":"big_spender","rule":{"segment":"big_spendr"}}],"setings":{}})");
  bool segment = false, key = false;
  for (const Issue& issue : result.issues) {
    segment = segment || issue.message.find("Did you mean \"big_spender\"") != std::string::npos;
    key = key || issue.message.find("Did you mean \"settings\"") != std::string::npos;
  }
  CHECK(segment);
  CHECK(key);
}
