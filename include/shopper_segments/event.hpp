// One visitor event. Field names follow GA4 e-commerce events (docs/RULES.md, "Events").
// A string field may appear several times (tags; every item's item_category of a purchase).
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace seg {

using Millis = std::int64_t;  // milliseconds since the Unix epoch; the engine never reads a clock

struct Event {
  Event() = default;
  explicit Event(std::string event_type) : type(std::move(event_type)) {}

  std::string type;
  std::vector<std::pair<std::string, std::string>> strings;
  std::vector<std::pair<std::string, double>> numbers;

  Event& str(std::string key, std::string value) {
    strings.emplace_back(std::move(key), std::move(value));
    return *this;
  }
  Event& num(std::string key, double value) {
    numbers.emplace_back(std::move(key), value);
    return *this;
  }
};

// Limits that keep one event bounded whatever the page sends.
constexpr std::size_t kMaxEventFields = 64;
constexpr std::size_t kMaxStringBytes = 256;

}  // namespace seg
