// Rules and segments in plain words, read from their JSON as the owner wrote it (not from a
// compiled Program), so a rule half-way through editing still reads as something. Internal to the
// toolkit: describe.hpp is the public face; lint.cpp uses these to quote conditions.
#pragma once
#include <map>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace seg {

// Ordered, so the words follow the owner's order of keys (a filter's fields, for one).
using OrderedJson = nlohmann::ordered_json;

// Segment id -> the name owners know it by (the id itself when it has no name).
using SegmentNames = std::map<std::string, std::string, std::less<>>;
SegmentNames segment_names(const OrderedJson& segments);  // a configuration's "segments" list

// "viewed an item (tags is new) at least 3 times in the last 7 days AND never bought"
std::string rule_words(const OrderedJson& rule, const SegmentNames& names);
// A rule segment's rule in words, or its signals and thresholds; "" for anything else.
std::string segment_words(const OrderedJson& segment, const SegmentNames& names);

// The value at a JSON Pointer ("/segments/0/rule"), or null when there is none.
const OrderedJson* at_pointer(const OrderedJson& doc, std::string_view pointer);

}  // namespace seg
