// What the engine assumes about a Program, checked: evaluator.cpp indexes series, value sets,
// steps, children and segments without bounds checks and recurses through rule nodes;
// decide.cpp indexes slots, offers and segments and adds durations to times. So every index is
// in range, rules are trees of bounded depth (children come before their parents, as
// compile_config emits them, and each node has exactly one parent or is exactly one root),
// segments are evaluated after the segments they refer to, and every number stays in the range
// compile_config allows (which keeps time arithmetic far from overflow).
#include "program_verify.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "cart.hpp"
#include "json.hpp"
#include "program_format.hpp"
#include "text_number.hpp"

namespace seg {
namespace {

namespace fmt = program_format;

std::string number_text(std::size_t i) { return integer_text(static_cast<long long>(i)); }

bool valid_id(const std::string& id) {
  if (id.empty() || id.size() > fmt::kMaxIdBytes) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

bool within(double v, double lo, double hi) { return v >= lo && v <= hi; }  // false for NaN
bool within(Millis v, Millis lo, Millis hi) { return v >= lo && v <= hi; }
bool in_range(int index, std::size_t size) { return index >= 0 && static_cast<std::size_t>(index) < size; }

// The NodeField bits a node of each kind may hold besides its path and subject.
unsigned owned_fields(NodeKind kind) {
  switch (kind) {
    case NodeKind::All: case NodeKind::Any: case NodeKind::Not: return fmt::kChildren;
    case NodeKind::Count: case NodeKind::CountPer: case NodeKind::Distinct: case NodeKind::Sum:
    case NodeKind::Avg: case NodeKind::Since:
      return fmt::kFeature | fmt::kWindow | fmt::kComparison;
    case NodeKind::Share: return fmt::kFeature | fmt::kFeature2 | fmt::kWindow | fmt::kComparison;
    case NodeKind::Trend: return fmt::kFeature | fmt::kWindow | fmt::kComparison | fmt::kName;
    case NodeKind::Sequence: return fmt::kWindow | fmt::kSteps;
    case NodeKind::Trait: case NodeKind::Context: return fmt::kName | fmt::kComparison;
    case NodeKind::SegmentRef: return fmt::kName | fmt::kSegment;
    case NodeKind::Cart: return fmt::kFeature | fmt::kComparison | fmt::kName;
  }
  return 0;
}

bool uses_series(NodeKind k) {
  return k == NodeKind::Count || k == NodeKind::Sum || k == NodeKind::Avg || k == NodeKind::Share ||
         k == NodeKind::Trend || k == NodeKind::Since;
}
bool uses_value_set(NodeKind k) { return k == NodeKind::CountPer || k == NodeKind::Distinct; }

class Verifier {
 public:
  explicit Verifier(const Program& p) : p_(p) {}

  std::string run() {
    // Each step relies on the ones before it (trees() on valid roots, order() on owners).
    (void)(settings() && features() && nodes() && segments() && offers() && trees() && order());
    return error_;
  }

 private:
  static constexpr int kOfferOwned = -2;  // a node under an offer's rule
  const Program& p_;
  std::string error_;
  std::vector<int> owner_;  // by node: the segment whose rule holds it, or kOfferOwned

  bool fail(std::string message) {
    if (error_.empty()) error_ = std::move(message);
    return false;
  }

  bool settings() {
    const Settings& s = p_.settings;
    if (!within(s.session_timeout, kMinute, fmt::kMaxDuration))
      return fail("The program's session timeout is outside one minute to ten years.");
    if (!within(s.state_ttl, kHour, fmt::kMaxDuration)) return fail("The program's state lifetime is outside one hour to ten years.");
    if (!within(s.control_group, 0.0, 1.0)) return fail("The program's control group is not a share from 0 to 1.");
    // The page parses the web settings; they must be what compile_config stores: a JSON object.
    const bool upper = std::all_of(s.currency.begin(), s.currency.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
    if (!s.currency.empty() && (s.currency.size() != 3 || !upper)) return fail("The program's currency is not a three-letter ISO 4217 code.");
    if (!s.web.empty()) {
      Json web;
      std::size_t error_offset = 0;
      if (!Json::parse(s.web, web, error_offset) || !web.is_object()) return fail("The program's web settings are not a JSON object.");
    }
    return true;
  }

  bool comparison(const Comparison& c, const std::string& what) {
    if (c.op > Comparison::Op::Exists || c.operand > Comparison::Operand::Bool)
      return fail(what + " has an unknown comparison.");
    const auto finite = [](double x) { return std::isfinite(x); };
    if (!finite(c.a) || !finite(c.b) || !std::all_of(c.numbers.begin(), c.numbers.end(), finite))
      return fail(what + " compares with a number that is not finite.");
    if (c.texts.size() + c.numbers.size() > fmt::kMaxListed) return fail(what + " lists more than 256 values.");
    if (c.op == Comparison::Op::Between && c.a > c.b) return fail(what + " has a range whose low end is above its high end.");
    return true;
  }

  bool where(const std::vector<FieldMatcher>& filter, const std::string& what) {
    if (filter.size() > fmt::kMaxWhere) return fail(what + " filters on more than 32 fields.");
    for (const auto& m : filter) {
      if (m.field.empty()) return fail(what + " filters on a field without a name.");
      if (m.cmp.op == Comparison::Op::None) return fail(what + " filters without a comparison.");
      if (!comparison(m.cmp, what)) return false;
    }
    return true;
  }

  template <typename Spec>
  bool feature_list(const std::vector<Spec>& specs, const char* noun) {
    std::set<std::string> keys;
    for (std::size_t i = 0; i < specs.size(); ++i) {
      const std::string what = std::string(noun) + " " + number_text(i);
      if (specs[i].key.empty() || !keys.insert(specs[i].key).second) return fail(what + " has an empty or repeated key.");
      if (specs[i].type.empty()) return fail(what + " has no event type.");
      if (!where(specs[i].where, what)) return false;
    }
    return true;
  }

  bool features() {
    if (!feature_list(p_.series, "Series") || !feature_list(p_.value_sets, "Value set") || !feature_list(p_.steps, "Sequence step"))
      return false;
    for (std::size_t i = 0; i < p_.value_sets.size(); ++i)
      if (p_.value_sets[i].field.empty()) return fail("Value set " + number_text(i) + " names no field.");
    for (std::size_t i = 0; i < p_.cart_filters.size(); ++i)
      if (!where(p_.cart_filters[i], "Cart filter " + number_text(i))) return false;
    return true;
  }

  bool window(const Window& w, const std::string& what) {
    if (w.kind > Window::Kind::Span) return fail(what + " has an unknown window.");
    if (!within(w.span, 0, fmt::kMaxDuration) || !within(w.ago, 0, fmt::kMaxDuration))
      return fail(what + " has a window longer than ten years or shifted by more.");
    if ((w.kind == Window::Kind::Span) != (w.span > 0)) return fail(what + " has a span that does not fit its window.");
    if (w.kind == Window::Kind::Session && w.ago != 0) return fail(what + " shifts the session window.");
    return true;
  }

  bool node(std::size_t i) {
    const Node& n = p_.nodes[i];
    const std::string what = "Rule node " + number_text(i);
    if (n.kind > NodeKind::Cart) return fail(what + " has an unknown kind.");
    if (fmt::present_fields(n) & ~(owned_fields(n.kind) | fmt::kPath | fmt::kSubject))
      return fail(what + " holds a field its kind does not have.");
    const bool combines = n.kind == NodeKind::All || n.kind == NodeKind::Any || n.kind == NodeKind::Not;
    if (combines) {
      if (n.first < 0 || n.count < 0 || static_cast<std::size_t>(n.first) > p_.children.size() ||
          static_cast<std::size_t>(n.count) > p_.children.size() - static_cast<std::size_t>(n.first))
        return fail(what + " has children outside the list of children.");
      if (n.kind == NodeKind::Not ? n.count != 1 : static_cast<std::size_t>(n.count) > fmt::kMaxListed)
        return fail(what + " has the wrong number of children.");
      return true;
    }
    if (uses_series(n.kind) && !in_range(n.feature, p_.series.size())) return fail(what + " counts a series the program does not have.");
    if (n.kind == NodeKind::Share && !in_range(n.feature2, p_.series.size()))
      return fail(what + " divides by a series the program does not have.");
    if (uses_value_set(n.kind) && !in_range(n.feature, p_.value_sets.size()))
      return fail(what + " reads a value set the program does not have.");
    if (!window(n.window, what)) return false;
    if (n.kind == NodeKind::Trend && (n.window.kind != Window::Kind::Span || n.window.ago != 0))
      return fail(what + " is a trend without a span to compare.");
    if (n.kind == NodeKind::Sequence) {
      if (n.steps.empty() || n.steps.size() > fmt::kMaxSequenceSteps) return fail(what + " is a sequence of 0 or more than 16 steps.");
      for (int s : n.steps)
        if (!in_range(s, p_.steps.size())) return fail(what + " has a step the program does not have.");
      return true;
    }
    if (n.kind == NodeKind::SegmentRef) {
      if (!in_range(n.segment, p_.segments.size())) return fail(what + " refers to a segment the program does not have.");
      return true;
    }
    if ((n.kind == NodeKind::Trait || n.kind == NodeKind::Context) && n.name.empty()) return fail(what + " names no value.");
    if (n.kind == NodeKind::Cart) {
      CartMeasure measure;
      if (!parse_cart_measure(n.name, measure)) return fail(what + " asks the cart for something other than its value, quantity or items.");
      if (n.feature != -1 && !in_range(n.feature, p_.cart_filters.size())) return fail(what + " filters the cart with a filter the program does not have.");
    }
    if (n.cmp.op == Comparison::Op::None) return fail(what + " has no comparison.");
    // Times since are durations: explanations turn them into whole milliseconds.
    if (n.kind == NodeKind::Since && (!within(n.cmp.a, 0.0, static_cast<double>(fmt::kMaxDuration)) ||
                                      !within(n.cmp.b, 0.0, static_cast<double>(fmt::kMaxDuration))))
      return fail(what + " compares a time since with a duration outside zero to ten years.");
    return comparison(n.cmp, what);
  }

  bool nodes() {
    for (std::size_t i = 0; i < p_.nodes.size(); ++i)
      if (!node(i)) return false;
    return true;
  }

  bool segments() {
    if (p_.segments.size() > fmt::kMaxSegments) return fail("The program has more than 1000 segments.");
    std::set<std::string> ids;
    for (std::size_t i = 0; i < p_.segments.size(); ++i) {
      const SegmentDef& s = p_.segments[i];
      const std::string what = "Segment " + number_text(i);
      if (!valid_id(s.id) || !ids.insert(s.id).second) return fail(what + " has an invalid or repeated id.");
      if (s.priority < -fmt::kMaxPriority || s.priority > fmt::kMaxPriority) return fail(what + " has a priority out of range.");
      if (!std::isfinite(s.enter) || !std::isfinite(s.exit) || s.exit > s.enter)
        return fail(what + " has thresholds that are not finite or exit above enter.");
      if (s.scored ? s.root != -1 || s.signals.empty() || s.signals.size() > fmt::kMaxListed : !s.signals.empty())
        return fail(what + " mixes a rule and signals, or has 0 or more than 256 signals.");
      for (const auto& sig : s.signals)
        if (!(std::isfinite(sig.weight) && sig.weight >= 0)) return fail(what + " has a signal weight that is negative or not finite.");
    }
    return true;
  }

  bool offers() {
    if (p_.offers.size() > fmt::kMaxOffers) return fail("The program has more than 1000 offers.");
    if (p_.slot_offers.size() != p_.slots.size()) return fail("The program's slots and their offers do not match.");
    std::set<std::string> slots(p_.slots.begin(), p_.slots.end());
    if (slots.size() != p_.slots.size() || !std::all_of(p_.slots.begin(), p_.slots.end(), valid_id))
      return fail("The program has an invalid or repeated slot name.");
    std::set<std::string> ids;
    for (std::size_t i = 0; i < p_.offers.size(); ++i) {
      const OfferDef& o = p_.offers[i];
      const std::string what = "Offer " + number_text(i);
      if (!valid_id(o.id) || !ids.insert(o.id).second) return fail(what + " has an invalid or repeated id.");
      if (!in_range(o.slot_index, p_.slots.size()) || p_.slots[static_cast<std::size_t>(o.slot_index)] != o.slot)
        return fail(what + " is in a slot the program does not list.");
      if (o.segments.size() > fmt::kMaxListed) return fail(what + " lists more than 256 segments.");
      for (int s : o.segments)
        if (!in_range(s, p_.segments.size())) return fail(what + " names a segment the program does not have.");
      if (o.priority < -fmt::kMaxPriority || o.priority > fmt::kMaxPriority) return fail(what + " has a priority out of range.");
      for (int cap : {o.cap_session, o.cap_day, o.cap_week})
        if (cap < -1 || cap > fmt::kMaxCap) return fail(what + " has a cap out of range.");
      for (Millis d : {o.cooldown, o.suppress_dismissed, o.suppress_converted})
        if (!within(d, 0, fmt::kMaxDuration)) return fail(what + " has a cooldown or suppression outside zero to ten years.");
      if (o.day_mask > 0x7f) return fail(what + " is scheduled on a day that does not exist.");
      if (o.hour_from < 0 || o.hour_from >= o.hour_to || o.hour_to > 24) return fail(what + " has hours outside 0 to 24 or in the wrong order.");
      if (!within(o.from, 0, fmt::kLatestDate) || !within(o.until, 0, fmt::kLatestDate) || (o.from && o.until && o.from >= o.until))
        return fail(what + " has dates out of range or in the wrong order.");
      if (!within(o.holdout, 0.0, 1.0)) return fail(what + " has a holdout that is not a share from 0 to 1.");
    }
    std::size_t listed = 0;
    for (std::size_t k = 0; k < p_.slot_offers.size(); ++k) {
      for (int o : p_.slot_offers[k])
        if (!in_range(o, p_.offers.size()) || p_.offers[static_cast<std::size_t>(o)].slot_index != static_cast<int>(k))
          return fail("Slot " + number_text(k) + " lists an offer of another slot.");
      listed += p_.slot_offers[k].size();
    }
    if (listed != p_.offers.size()) return fail("The program's slots do not list every offer once.");
    return true;
  }

  // Every node has exactly one use: one parent's child (an earlier node than the parent) or one
  // segment's, signal's or offer's root. So each rule is a tree whose nodes evaluate once per
  // evaluation, and recursion goes at most kMaxRuleLevels deep.
  bool trees() {
    const std::size_t count = p_.nodes.size();
    std::vector<int> uses(count, 0);
    owner_.assign(count, -1);
    const auto root = [&](int node, int owner, const std::string& what) {
      if (!in_range(node, count)) return fail(what + " has a rule the program does not have.");
      if (++uses[static_cast<std::size_t>(node)] > 1) return fail(what + " shares its rule with another.");
      owner_[static_cast<std::size_t>(node)] = owner;
      return true;
    };
    for (std::size_t s = 0; s < p_.segments.size(); ++s) {
      const SegmentDef& def = p_.segments[s];
      const std::string what = "Segment " + number_text(s);
      if (!def.scored && !root(def.root, static_cast<int>(s), what)) return false;
      for (const auto& sig : def.signals)
        if (!root(sig.root, static_cast<int>(s), what)) return false;
    }
    for (std::size_t o = 0; o < p_.offers.size(); ++o)
      if (p_.offers[o].rule != -1 && !root(p_.offers[o].rule, kOfferOwned, "Offer " + number_text(o))) return false;
    // From the last node down: a parent's owner is known before its children's.
    std::size_t listed = 0;
    for (std::size_t i = count; i-- > 0;) {
      const Node& n = p_.nodes[i];
      listed += static_cast<std::size_t>(n.count);
      for (int k = 0; k < n.count; ++k) {
        const int child = p_.children[static_cast<std::size_t>(n.first + k)];
        if (!in_range(child, i)) return fail("Rule node " + number_text(i) + " has a child that is not an earlier node.");
        if (++uses[static_cast<std::size_t>(child)] > 1)
          return fail("Rule node " + number_text(static_cast<std::size_t>(child)) + " is used in more than one place.");
        owner_[static_cast<std::size_t>(child)] = owner_[i];
      }
    }
    if (listed != p_.children.size()) return fail("The program's list of children has entries no rule uses.");
    std::vector<int> levels(count, 1);
    for (std::size_t i = 0; i < count; ++i) {
      if (uses[i] != 1) return fail("Rule node " + number_text(i) + " belongs to no rule.");
      const Node& n = p_.nodes[i];
      for (int k = 0; k < n.count; ++k)
        levels[i] = std::max(levels[i], 1 + levels[static_cast<std::size_t>(p_.children[static_cast<std::size_t>(n.first + k)])]);
      if (levels[i] > fmt::kMaxRuleLevels) return fail("Rule node " + number_text(i) + " nests deeper than 33 levels.");
    }
    return true;
  }

  // segment_order lists every segment once, each after every segment its rule refers to.
  bool order() {
    if (p_.segment_order.size() != p_.segments.size()) return fail("The program's segment order does not list every segment.");
    std::vector<int> position(p_.segments.size(), -1);
    for (std::size_t k = 0; k < p_.segment_order.size(); ++k) {
      const int s = p_.segment_order[k];
      if (!in_range(s, p_.segments.size()) || position[static_cast<std::size_t>(s)] != -1)
        return fail("The program's segment order lists a segment twice or one it does not have.");
      position[static_cast<std::size_t>(s)] = static_cast<int>(k);
    }
    for (std::size_t i = 0; i < p_.nodes.size(); ++i) {
      const Node& n = p_.nodes[i];
      if (n.kind != NodeKind::SegmentRef || owner_[i] < 0) continue;
      if (position[static_cast<std::size_t>(n.segment)] >= position[static_cast<std::size_t>(owner_[i])])
        return fail("Segment " + number_text(static_cast<std::size_t>(owner_[i])) + " refers to segment " +
                    number_text(static_cast<std::size_t>(n.segment)) + ", which is not evaluated before it.");
    }
    return true;
  }
};

}  // namespace

std::string verify_program(const Program& program) { return Verifier(program).run(); }

}  // namespace seg
