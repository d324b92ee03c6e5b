// Helpers of the compiler: JSON Pointers, typed getters that record issues, feature dedup, words.
#include <algorithm>
#include <cctype>
#include <cmath>

#include "compile_context.hpp"
#include "engine/text_number.hpp"

namespace seg {

std::string pointer_append(const std::string& path, std::string_view key) {
  std::string out = path;
  out += '/';
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

std::string pointer_append(const std::string& path, std::size_t index) {
  return path + "/" + integer_text(index);
}

namespace {

std::uint64_t cells_computed = 0;

// Edit distance of a and b (case folded), or `limit` when it is `limit` or more: rows stop once
// every entry has reached it. Counts its cells in cells_computed.
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    std::size_t row_min = row[0];
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      const char x = static_cast<char>(std::tolower(static_cast<unsigned char>(a[i - 1])));
      const char y = static_cast<char>(std::tolower(static_cast<unsigned char>(b[j - 1])));
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (x == y ? 0 : 1)});
      row_min = std::min(row_min, row[j]);
      diagonal = up;
    }
    cells_computed += b.size();
    if (row_min >= limit) return limit;
  }
  return std::min(row[b.size()], limit);
}

std::string key_text(const std::string& path, std::string_view key) {
  return pointer_append(path, key);
}

}  // namespace

std::string closest_word(std::string_view word, const std::vector<std::string_view>& known, std::size_t& cells_left) {
  if (word.size() > 64) return {};
  std::string best;
  std::size_t best_distance = word.size() <= 4 ? 2 : 3;
  for (auto k : known) {
    // Lengths further apart than the best distance so far cannot come nearer.
    const std::size_t apart = k.size() > word.size() ? k.size() - word.size() : word.size() - k.size();
    if (apart >= best_distance) continue;
    const std::size_t cost = word.size() * k.size();
    if (cost > cells_left) break;
    cells_left -= cost;
    const std::size_t d = edit_distance(word, k, best_distance);
    if (d < best_distance) {
      best_distance = d;
      best = std::string(k);
    }
  }
  return best;
}

std::uint64_t suggestion_cells_computed() { return cells_computed; }

const char* json_type_name(const json& j) {
  switch (j.type()) {
    case Json::Type::Null: return "null";
    case Json::Type::Object: return "an object";
    case Json::Type::Array: return "a list";
    case Json::Type::String: return "a string";
    case Json::Type::Bool: return "true/false";
    case Json::Type::Number: return "a number";
  }
  return "something else";
}

void CompileContext::check_keys(const json& object, const std::string& path,
                                const std::vector<std::string_view>& known) {
  for (const auto& member : object.members()) {
    const std::string& key = member.first;
    if (std::find(known.begin(), known.end(), key) != known.end()) continue;
    std::string message = "Unknown key \"" + key.substr(0, 64) + "\".";
    const std::string suggestion = closest_word(key, known, suggestion_cells);
    if (!suggestion.empty()) message += " Did you mean \"" + suggestion + "\"?";
    issue("unknown_key", key_text(path, key), std::move(message));
  }
}

bool CompileContext::expect_type(const json& j, Json::Type type, const std::string& path, const char* what) {
  const bool ok = type == Json::Type::Number ? j.is_number() : j.type() == type;
  if (ok) return true;
  const char* wanted = type == Json::Type::Object   ? "an object"
                       : type == Json::Type::Array  ? "a list"
                       : type == Json::Type::String ? "a string"
                       : type == Json::Type::Bool ? "true or false"
                                                         : "a number";
  issue("type_mismatch", path, std::string(what) + " must be " + wanted + ", not " + json_type_name(j) + ".");
  return false;
}

bool CompileContext::get_string(const json& j, const std::string& path, std::string& out, const char* what,
                                std::size_t max_bytes) {
  if (!expect_type(j, Json::Type::String, path, what)) return false;
  const auto& s = j.string();
  if (s.size() > max_bytes) {
    issue("too_large", path, std::string(what) + " is longer than " + integer_text(max_bytes) + " bytes.");
    return false;
  }
  out = s;
  return true;
}

bool CompileContext::get_number(const json& j, const std::string& path, double& out, const char* what) {
  if (!expect_type(j, Json::Type::Number, path, what)) return false;
  out = j.number();
  if (!std::isfinite(out)) {
    issue("bad_value", path, std::string(what) + " must be a finite number.");
    return false;
  }
  return true;
}

bool CompileContext::get_int(const json& j, const std::string& path, long long lo, long long hi, int& out,
                             const char* what) {
  double d = 0;
  if (!get_number(j, path, d, what)) return false;
  if (d != std::floor(d) || d < static_cast<double>(lo) || d > static_cast<double>(hi)) {
    issue("bad_value", path,
          std::string(what) + " must be a whole number from " + integer_text(lo) + " to " + integer_text(hi) + ".");
    return false;
  }
  out = static_cast<int>(d);
  return true;
}

bool CompileContext::get_duration(const json& j, const std::string& path, Millis& out, const char* what) {
  if (j.is_number()) {
    const double d = j.number();
    if (!std::isfinite(d) || d < 0 || d > 3660.0 * kDay || d != std::floor(d)) {
      issue("bad_duration", path, std::string(what) + " must be a whole number of milliseconds up to 10 years.");
      return false;
    }
    out = static_cast<Millis>(d);
    return true;
  }
  if (!j.is_string()) {
    issue("bad_duration", path,
          std::string(what) + " must be a duration such as \"30m\", \"12h\" or \"7d\", not " + json_type_name(j) + ".");
    return false;
  }
  auto d = parse_duration(j.string());
  if (!d) {
    issue("bad_duration", path,
          std::string(what) + " \"" + j.string().substr(0, 32) +
              "\" is not a duration; write a whole number and a unit, such as \"7d\" or \"7 days\" (s, m, h, d, w; seconds, minutes, hours, days, weeks).");
    return false;
  }
  out = *d;
  return true;
}

bool CompileContext::get_share(const json& j, const std::string& path, double& out, const char* what) {
  if (!get_number(j, path, out, what)) return false;
  if (out < 0 || out > 1) {
    issue("bad_value", path, std::string(what) + " must be a share from 0 to 1 (0.1 is 10%).");
    return false;
  }
  return true;
}

int CompileContext::series(const std::string& type, const std::vector<FieldMatcher>& where,
                           const std::string& sum_field) {
  const std::string key = series_key(type, where, sum_field);
  for (std::size_t i = 0; i < program.series.size(); ++i)
    if (program.series[i].key == key) return static_cast<int>(i);
  program.series.push_back(SeriesSpec{key, type, where, sum_field});
  const int index = static_cast<int>(program.series.size() - 1);
  program.by_type[type].series.push_back(index);
  // Every referenced type also keeps its unfiltered count, the history any later rule can use.
  if (!where.empty() || !sum_field.empty()) series(type, {}, "");
  return index;
}

int CompileContext::value_set(const std::string& type, const std::vector<FieldMatcher>& where,
                              const std::string& field) {
  const std::string key = value_set_key(type, where, field);
  for (std::size_t i = 0; i < program.value_sets.size(); ++i)
    if (program.value_sets[i].key == key) return static_cast<int>(i);
  program.value_sets.push_back(ValueSetSpec{key, type, where, field});
  const int index = static_cast<int>(program.value_sets.size() - 1);
  program.by_type[type].value_sets.push_back(index);
  series(type, {}, "");
  return index;
}

int CompileContext::step(const std::string& type, const std::vector<FieldMatcher>& where) {
  const std::string key = step_key(type, where);
  for (std::size_t i = 0; i < program.steps.size(); ++i)
    if (program.steps[i].key == key) return static_cast<int>(i);
  program.steps.push_back(StepSpec{key, type, where});
  const int index = static_cast<int>(program.steps.size() - 1);
  program.by_type[type].steps.push_back(index);
  series(type, {}, "");
  return index;
}

}  // namespace seg
