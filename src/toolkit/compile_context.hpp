// Shared state of one compile_config() run: the program being built and every issue found.
// Validation never stops at the first issue; each check records one and carries on.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "engine/json.hpp"

#include "shopper_segments/event.hpp"
#include "shopper_segments/issue.hpp"
#include "engine/program.hpp"
#include "engine/rule_text.hpp"  // describe_where, describe_comparison, feature keys

namespace seg {

using json = Json;

constexpr std::size_t kMaxDepth = 32;
constexpr std::size_t kMaxList = 256;
constexpr std::size_t kMaxSegments = 1000;
constexpr std::size_t kMaxOffers = 1000;
constexpr std::size_t kMaxOfferTextBytes = 1024;

std::string pointer_append(const std::string& path, std::string_view key);
std::string pointer_append(const std::string& path, std::size_t index);
// "Did you mean ...?": the known word nearest to `word` by edit distance (case folded), or "".
// It costs up to word × candidate cells, taken from `cells_left`: once spent, nothing is
// suggested. Suggestions used to grow with references × segments (a 4 MB configuration of unknown
// references took minutes); now one compile spends at most kSuggestionCells on them.
constexpr std::size_t kSuggestionCells = 4'000'000;
std::string closest_word(std::string_view word, const std::vector<std::string_view>& known, std::size_t& cells_left);
// Every cell closest_word computed in this process: the scaling tests count work with it.
std::uint64_t suggestion_cells_computed();
const char* json_type_name(const json& j);

struct CompileContext {
  Program& program;
  Issues& issues;

  void issue(const char* code, const std::string& path, std::string message) {
    issues.push_back(Issue{code, path, std::move(message)});
  }

  // Reports every key of `object` not in `known` (with "did you mean ...?").
  void check_keys(const json& object, const std::string& path, const std::vector<std::string_view>& known);
  bool expect_type(const json& j, Json::Type type, const std::string& path, const char* what);
  bool get_string(const json& j, const std::string& path, std::string& out, const char* what,
                  std::size_t max_bytes = kMaxStringBytes);
  bool get_number(const json& j, const std::string& path, double& out, const char* what);
  bool get_int(const json& j, const std::string& path, long long lo, long long hi, int& out, const char* what);
  bool get_duration(const json& j, const std::string& path, Millis& out, const char* what);
  bool get_share(const json& j, const std::string& path, double& out, const char* what);

  // Features: deduplicated by canonical key.
  int series(const std::string& type, const std::vector<FieldMatcher>& where, const std::string& sum_field);
  int value_set(const std::string& type, const std::vector<FieldMatcher>& where, const std::string& field);
  int step(const std::string& type, const std::vector<FieldMatcher>& where);

  // Rules: returns the node index, or -1 after recording issues.
  int rule(const json& j, const std::string& path, std::size_t depth);
  bool window_keys(const json& rule, const std::string& path, Window& out);  // "within" and "ago"
  bool where(const json& j, const std::string& path, std::vector<FieldMatcher>& out);
  bool list_operand(const json& v, const std::string& path, Comparison& out, bool numbers_only);
  bool comparison(const json& rule, const std::string& path, Comparison& out, bool durations, bool numbers_only,
                  bool optional);

  // Segment references are resolved after every segment is known.
  std::vector<int> segment_refs;  // node indices of SegmentRef nodes

  // What "did you mean" may still spend (closest_word), the segment ids it chooses from (gathered
  // once), and the answer for each unknown id already asked (a name referred to many times).
  std::size_t suggestion_cells = kSuggestionCells;
  std::vector<std::string_view> segment_ids;
  std::map<std::string, std::string> segment_guesses;
};

}  // namespace seg
