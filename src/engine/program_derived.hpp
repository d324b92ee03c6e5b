// Text a program holds that compile_config derives from the rest of it: rule nodes' subjects,
// names and JSON Pointers, segments' and offers' pointers, and features' keys (rule_text.hpp).
// The writer leaves out each one that equals its derivation, and the reader derives it back, so
// the program's bytes carry each fact once. Safe on any Program (every index is checked), since
// the writer may be given programs the reader would refuse.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "program.hpp"

namespace seg {

// "all of", "view_item where tags = \"new\"", "different purchase.item_id", ...
std::string derived_subject(const Program& p, const Node& n);
// The referenced segment's id (SegmentRef), the summed field (Trend), else "".
std::string derived_name(const Program& p, const Node& n);

std::string segment_pointer(std::size_t index);  // "/segments/3"
std::string offer_pointer(std::size_t index);    // "/offers/3"

// Where a node sits: the rule of a segment, one of its signals or an offer, or a parent's child.
struct NodePlace {
  enum class Kind { None, SegmentRule, Signal, OfferRule, Child };
  Kind kind = Kind::None;
  int owner = -1;     // segment, offer or parent node
  int position = 0;   // signal number, or the child's number among its parent's children
};
// Every node's place (Kind::None for a node nothing refers to); when a program refers to a node
// twice (the reader refuses it), the last reference counts.
std::vector<NodePlace> node_places(const Program& p);
// The node's JSON Pointer as compile_config writes it, from its root's or parent's pointer as
// `p` holds it now ("" for Kind::None).
std::string derived_path(const Program& p, const NodePlace& place);

}  // namespace seg
