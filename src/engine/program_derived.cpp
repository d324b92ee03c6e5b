// Mirrors how config_compile.cpp and rule_compile.cpp build these texts. Were the two to drift
// apart, nothing would break: the writer would keep the text that no longer matches, and only
// the program would grow (a test checks that the catalogue's program derives all of them).
#include "program_derived.hpp"

#include "rule_text.hpp"
#include "text_number.hpp"

namespace seg {
namespace {

bool in_range(int index, std::size_t size) { return index >= 0 && static_cast<std::size_t>(index) < size; }

std::string index_text(std::size_t i) { return integer_text(static_cast<long long>(i)); }

}  // namespace

std::string derived_subject(const Program& p, const Node& n) {
  const bool series = in_range(n.feature, p.series.size());
  const bool set = in_range(n.feature, p.value_sets.size());
  const SeriesSpec* s = series ? &p.series[static_cast<std::size_t>(n.feature)] : nullptr;
  const ValueSetSpec* v = set ? &p.value_sets[static_cast<std::size_t>(n.feature)] : nullptr;
  switch (n.kind) {
    case NodeKind::All: return "all of";
    case NodeKind::Any: return "any of";
    case NodeKind::Not: return "not";
    case NodeKind::Count: return s ? s->type + describe_where(s->where) : "";
    case NodeKind::CountPer: return v ? v->type + describe_where(v->where) + " of one " + v->field : "";
    case NodeKind::Distinct: return v ? "different " + v->type + "." + v->field + describe_where(v->where) : "";
    case NodeKind::Sum: return s ? "total " + s->type + "." + s->sum_field + describe_where(s->where) : "";
    case NodeKind::Avg: return s ? "average " + s->type + "." + s->sum_field + describe_where(s->where) : "";
    case NodeKind::Share: return s ? "share of " + s->type + " events" + describe_where(s->where) : "";
    case NodeKind::Trend:
      if (!s) return "";
      return "change of " + (s->sum_field.empty() ? s->type + " count" : s->type + "." + s->sum_field) + describe_where(s->where);
    case NodeKind::Since: return s ? "time since the last " + s->type + describe_where(s->where) : "";
    case NodeKind::Sequence: {
      std::string out;
      for (int step : n.steps) {
        if (!in_range(step, p.steps.size())) return "";
        const StepSpec& spec = p.steps[static_cast<std::size_t>(step)];
        out += (out.empty() ? "" : " -> ") + spec.type + describe_where(spec.where);
      }
      return out;
    }
    case NodeKind::Trait: return "trait " + n.name;
    case NodeKind::Context: return "context " + n.name;
    case NodeKind::SegmentRef: return "segment " + n.name;
    case NodeKind::Cart: {
      if (n.feature >= 0 && !in_range(n.feature, p.cart_filters.size())) return "";
      return "cart " + n.name + (n.feature >= 0 ? describe_where(p.cart_filters[static_cast<std::size_t>(n.feature)]) : "");
    }
  }
  return "";
}

std::string derived_name(const Program& p, const Node& n) {
  if (n.kind == NodeKind::SegmentRef && in_range(n.segment, p.segments.size())) return p.segments[static_cast<std::size_t>(n.segment)].id;
  if (n.kind == NodeKind::Trend && in_range(n.feature, p.series.size())) return p.series[static_cast<std::size_t>(n.feature)].sum_field;
  return "";
}

std::string segment_pointer(std::size_t index) { return "/segments/" + index_text(index); }
std::string offer_pointer(std::size_t index) { return "/offers/" + index_text(index); }

std::vector<NodePlace> node_places(const Program& p) {
  std::vector<NodePlace> places(p.nodes.size());
  const auto place = [&](int node, NodePlace::Kind kind, int owner, int position) {
    if (in_range(node, places.size())) places[static_cast<std::size_t>(node)] = NodePlace{kind, owner, position};
  };
  for (std::size_t s = 0; s < p.segments.size(); ++s) {
    place(p.segments[s].root, NodePlace::Kind::SegmentRule, static_cast<int>(s), 0);
    for (std::size_t k = 0; k < p.segments[s].signals.size(); ++k)
      place(p.segments[s].signals[k].root, NodePlace::Kind::Signal, static_cast<int>(s), static_cast<int>(k));
  }
  for (std::size_t o = 0; o < p.offers.size(); ++o) place(p.offers[o].rule, NodePlace::Kind::OfferRule, static_cast<int>(o), 0);
  for (std::size_t i = 0; i < p.nodes.size(); ++i) {
    const Node& n = p.nodes[i];
    for (int k = 0; k < n.count; ++k) {
      const long long at = static_cast<long long>(n.first) + k;
      if (at < 0 || static_cast<std::size_t>(at) >= p.children.size()) break;
      place(p.children[static_cast<std::size_t>(at)], NodePlace::Kind::Child, static_cast<int>(i), k);
    }
  }
  return places;
}

std::string derived_path(const Program& p, const NodePlace& place) {
  const auto owner = static_cast<std::size_t>(place.owner);
  switch (place.kind) {
    case NodePlace::Kind::None: return "";
    case NodePlace::Kind::SegmentRule: return in_range(place.owner, p.segments.size()) ? p.segments[owner].path + "/rule" : "";
    case NodePlace::Kind::Signal:
      if (!in_range(place.owner, p.segments.size())) return "";
      return p.segments[owner].path + "/score/signals/" + index_text(static_cast<std::size_t>(place.position)) + "/rule";
    case NodePlace::Kind::OfferRule: return in_range(place.owner, p.offers.size()) ? p.offers[owner].path + "/rule" : "";
    case NodePlace::Kind::Child: {
      if (!in_range(place.owner, p.nodes.size())) return "";
      const Node& parent = p.nodes[owner];
      if (parent.kind == NodeKind::Not) return parent.path + "/not";
      const char* form = parent.kind == NodeKind::All ? "/all/" : "/any/";
      return parent.path + form + index_text(static_cast<std::size_t>(place.position));
    }
  }
  return "";
}

}  // namespace seg
