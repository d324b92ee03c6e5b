// A compiled configuration: flat, index-based, immutable after compile_config() returns.
// Rules are a vector of nodes whose children are index ranges; every profile question a rule can
// ask is a numbered feature (series, value set, sequence step) so that track() only walks the
// features of the event's type and evaluation never looks anything up by name.
#pragma once
#include <string>
#include <map>
#include <vector>

#include "time_units.hpp"
#include "shopper_segments/value.hpp"

namespace seg {

struct Comparison {
  enum class Op { None, Gte, Gt, Lte, Lt, Eq, Ne, Between, In, StartsWith, Contains, Exists };
  Op op = Op::None;
  enum class Operand { Number, Text, Bool };
  Operand operand = Operand::Number;
  double a = 0, b = 0;             // numbers (durations already in ms)
  bool flag = false;               // bool operand, and the exists flag
  std::string text;                // eq/ne/startsWith/contains
  std::vector<std::string> texts;  // in
  std::vector<double> numbers;     // in

  bool test_number(double value) const;
  bool test_value(const Value& value) const;  // traits and context; Kind::None -> only exists:false
  bool test_strings(const std::string* const* values, std::size_t count) const;  // multi-valued field
};

// One `where` entry: an event field and how it must compare.
struct FieldMatcher {
  std::string field;
  Comparison cmp;  // scalar -> Eq, list -> In
};

struct Event;
bool matches(const std::vector<FieldMatcher>& where, const Event& event);

// Counts (and sums of one numeric field) of events of one type that pass a filter, over time.
struct SeriesSpec {
  std::string key;  // canonical: "type" or "type|where|#field"; the profile stores data under it
  std::string type;
  std::vector<FieldMatcher> where;
  std::string sum_field;  // empty: count only
};

// The most recently seen values of one string field (for `per` and `distinct`).
struct ValueSetSpec {
  std::string key;
  std::string type;
  std::vector<FieldMatcher> where;
  std::string field;
};

// One step of a `sequence` (event type + filter); the profile keeps a short ring of step hits.
struct StepSpec {
  std::string key;
  std::string type;
  std::vector<FieldMatcher> where;
};

enum class NodeKind {
  All, Any, Not,
  Count, CountPer, Distinct, Sum, Avg, Share, Trend, Since, Sequence,
  Trait, Context, SegmentRef,
  Cart  // the cart's value, quantity or items (name), of the lines passing cart_filters[feature] (-1: all)
};

struct Node {
  NodeKind kind = NodeKind::All;
  int first = 0, count = 0;  // children: program.children[first .. first+count)
  int feature = -1;          // series / value set index
  int feature2 = -1;         // Share: the unfiltered series of the type
  Window window;
  Comparison cmp;
  std::string name;  // trait / context key, referenced segment id
  int segment = -1;  // SegmentRef
  std::vector<int> steps;  // Sequence: step indices
  std::string path;        // JSON Pointer of this rule in the config (for explain and issues)
  std::string subject;     // words for explanations: "view_item where tags = new"
};

struct Signal {
  double weight = 1;
  std::string label;
  int root = -1;
};

struct SegmentDef {
  std::string id, name, description;
  int priority = 0;
  bool scored = false;
  int root = -1;                // rule segments
  std::vector<Signal> signals;  // scored segments
  double enter = 1, exit = 1;
  std::string path;
};

struct OfferContent {
  std::string title, body, cta, link, image;
};

struct OfferDef {
  std::string id, slot;
  int slot_index = -1;        // into Program::slots, so decide() compares numbers, not names
  std::vector<int> segments;  // any of them
  int rule = -1;              // must also hold when set
  int priority = 0;
  OfferContent content;
  int cap_session = -1, cap_day = -1, cap_week = -1;  // -1: no cap
  Millis cooldown = 0;
  Millis suppress_dismissed = 0, suppress_converted = 0;
  unsigned day_mask = 0x7f;          // bit 0 = Monday
  int hour_from = 0, hour_to = 24;   // local hours [from, to)
  Millis from = 0, until = 0;        // 0: open
  double holdout = 0;
  bool paused = false;               // the owner's switch: never shown, reported as "paused"
  std::string path;
};

struct Settings {
  Millis session_timeout = 30 * kMinute;
  Millis state_ttl = 365 * kDay;
  double control_group = 0;
  std::string salt;
  // The configuration's "web" object (the widget's page settings: why notes, privacy, storage key,
  // ...) as compact JSON text, "" without one; the runtime hands it to the page as it is.
  std::string web;
  // ISO 4217 code of the shop's currency ("EUR"), "" when not set: the page formats amounts the
  // offers quote with it.
  std::string currency;
};

struct TypeFeatures {
  std::vector<int> series, value_sets, steps;
};

class Program {
 public:
  Settings settings;
  std::vector<SeriesSpec> series;
  std::vector<ValueSetSpec> value_sets;
  std::vector<StepSpec> steps;
  std::vector<std::vector<FieldMatcher>> cart_filters;  // the `where` of cart conditions
  std::map<std::string, TypeFeatures> by_type;
  std::vector<Node> nodes;
  std::vector<int> children;
  std::vector<SegmentDef> segments;  // in config order
  std::vector<int> segment_order;    // evaluation order: references before referrers
  std::map<std::string, int> segment_index;
  std::vector<OfferDef> offers;
  std::map<std::string, int> offer_index;
  std::vector<std::string> slots;  // in order of first appearance
  std::vector<std::vector<int>> slot_offers;  // per slot, its offers in configuration order

  const TypeFeatures* features_of(const std::string& type) const {
    auto it = by_type.find(type);
    return it == by_type.end() ? nullptr : &it->second;
  }
};

}  // namespace seg
