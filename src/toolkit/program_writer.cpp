// Writes a Program in the layout of engine/program_format.hpp, field by field in the order the
// reader takes them. Text that compile_config derives (keys, pointers, subjects) is written only
// where it differs from its derivation, so a compiled program carries none of it.
#include "program_writer.hpp"

#include <cmath>
#include <cstring>

#include "compile_context.hpp"
#include "engine/program_derived.hpp"
#include "engine/program_format.hpp"
#include "engine/program_reader.hpp"
#include "engine/rule_text.hpp"

namespace seg {
namespace {

namespace fmt = program_format;

// Everything compile_config can produce must pass the reader's limits.
static_assert(kMaxDepth + 1 <= static_cast<std::size_t>(fmt::kMaxRuleLevels), "rule depth");
static_assert(kMaxList <= fmt::kMaxListed, "listed values");
static_assert(kMaxSegments <= fmt::kMaxSegments && kMaxOffers <= fmt::kMaxOffers, "segments and offers");

std::uint64_t zigzag(std::int64_t v) { return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63); }

class Writer {
 public:
  std::string out;

  void uint(std::uint64_t v) {
    while (v >= 0x80) {
      out += static_cast<char>((v & 0x7f) | 0x80);
      v >>= 7;
    }
    out += static_cast<char>(v);
  }
  void sint(std::int64_t v) { uint(zigzag(v)); }
  // An index that may be -1 ("none"): 0 means none.
  void optional_index(int v) { uint(static_cast<std::uint32_t>(v + 1)); }
  void fixed(std::uint64_t v, int bytes) {
    for (int i = 0; i < bytes; ++i) out += static_cast<char>((v >> (8 * i)) & 0xff);
  }
  void number(double v) {
    // -0 is whole but would come back as +0, so it keeps its bits.
    if (std::isfinite(v) && std::fabs(v) <= fmt::kLargestWholeNumber && !(v == 0 && std::signbit(v))) {
      if (v == std::floor(v)) return uint(zigzag(static_cast<std::int64_t>(v)) << 1);
      for (unsigned places = 1; places <= fmt::kMaxPlaces; ++places) {
        const double scaled = std::round(v * fmt::kPow10[places]);
        if (std::fabs(scaled) > fmt::kLargestWholeNumber) break;
        const auto mantissa = static_cast<std::int64_t>(scaled);
        if (!same_bits(fmt::decimal_value(mantissa, places), v)) continue;
        return uint(zigzag(mantissa) << 4 | (places - 1) << 2 | fmt::kDecimalMark);
      }
    }
    std::uint64_t bits = 0;
    std::memcpy(&bits, &v, sizeof bits);
    uint(fmt::kNumberIsBits);
    fixed(bits, 8);
  }
  void span(Millis v) {
    if (v >= 0) {
      unsigned unit = fmt::kSpanUnitCount - 1;
      while (unit > 0 && v % fmt::kSpanUnits[unit] != 0) --unit;
      const auto n = static_cast<std::uint64_t>(v / fmt::kSpanUnits[unit]);
      if (n < (std::uint64_t{1} << 60)) return uint(n << 3 | unit);
    }
    uint(fmt::kSpanIsRaw);
    sint(v);
  }
  void text(const std::string& s) {
    uint(s.size());
    out += s;
  }
  void derivable(const std::string& s, const std::string& derived) {
    if (s == derived) return uint(0);
    uint(s.size() + 1);
    out += s;
  }
  void index_list(const std::vector<int>& list) {
    uint(list.size());
    for (int i : list) uint(static_cast<std::uint32_t>(i));
  }

 private:
  static bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }
};

void write_comparison(Writer& w, const Comparison& c) {
  namespace sh = fmt::shape;
  const auto nonzero = [](double v) { return v != 0 || std::signbit(v); };
  unsigned shape = static_cast<unsigned>(c.op) | static_cast<unsigned>(c.operand) << sh::kOperandShift;
  if (c.flag) shape |= sh::kFlag;
  if (nonzero(c.a)) shape |= sh::kA;
  if (nonzero(c.b)) shape |= sh::kB;
  if (!c.text.empty()) shape |= sh::kText;
  if (!c.texts.empty()) shape |= sh::kTexts;
  if (!c.numbers.empty()) shape |= sh::kNumbers;
  w.uint(shape);
  if (shape & sh::kA) w.number(c.a);
  if (shape & sh::kB) w.number(c.b);
  if (shape & sh::kText) w.text(c.text);
  if (shape & sh::kTexts) {
    w.uint(c.texts.size());
    for (const auto& t : c.texts) w.text(t);
  }
  if (shape & sh::kNumbers) {
    w.uint(c.numbers.size());
    for (double n : c.numbers) w.number(n);
  }
}

void write_where(Writer& w, const std::vector<FieldMatcher>& where) {
  w.uint(where.size());
  for (const auto& m : where) {
    w.text(m.field);
    write_comparison(w, m.cmp);
  }
}

void write_node(Writer& w, const Program& p, const Node& n, const NodePlace& place) {
  const std::string name = derived_name(p, n), path = derived_path(p, place), subject = derived_subject(p, n);
  unsigned fields = fmt::present_fields(n) & ~fmt::kName;
  if (n.name != name) fields |= fmt::kName;
  if (n.path != path) fields |= fmt::kPath;
  if (n.subject != subject) fields |= fmt::kSubject;
  w.uint(static_cast<unsigned>(n.kind) | fields << fmt::kKindBits);
  if (fields & fmt::kFeature) w.uint(static_cast<std::uint32_t>(n.feature));
  if (fields & fmt::kWindow) {
    w.uint(static_cast<unsigned>(n.window.kind));
    w.span(n.window.span);
    w.span(n.window.ago);
  }
  if (fields & fmt::kComparison) write_comparison(w, n.cmp);
  if (fields & fmt::kChildren) {
    w.uint(static_cast<std::uint32_t>(n.first));
    w.uint(static_cast<std::uint32_t>(n.count));
  }
  if (fields & fmt::kFeature2) w.uint(static_cast<std::uint32_t>(n.feature2));
  if (fields & fmt::kSegment) w.uint(static_cast<std::uint32_t>(n.segment));
  if (fields & fmt::kSteps) w.index_list(n.steps);
  if (fields & fmt::kName) w.text(n.name);
  if (fields & fmt::kPath) w.text(n.path);
  if (fields & fmt::kSubject) w.text(n.subject);
}

void write_segment(Writer& w, const SegmentDef& s, std::size_t index) {
  w.text(s.id);
  w.text(s.name);  // the description is the owner's, not the page's: it stays in the configuration
  w.sint(s.priority);
  w.uint(s.scored ? 1 : 0);
  w.optional_index(s.root);
  w.uint(s.signals.size());
  for (const auto& sig : s.signals) {
    w.number(sig.weight);
    w.text(sig.label);
    w.optional_index(sig.root);
  }
  w.number(s.enter);
  w.number(s.exit);
  w.derivable(s.path, segment_pointer(index));
}

void write_offer(Writer& w, const OfferDef& o, std::size_t index, std::vector<std::string>& slots) {
  w.text(o.id);
  // Slots are numbered in order of first appearance: a new one is the next number, then its name.
  std::size_t slot = 0;
  while (slot < slots.size() && slots[slot] != o.slot) ++slot;
  w.uint(slot);
  if (slot == slots.size()) {
    slots.push_back(o.slot);
    w.text(o.slot);
  }
  w.index_list(o.segments);
  w.optional_index(o.rule);
  w.sint(o.priority);
  w.text(o.content.title);
  w.text(o.content.body);
  w.text(o.content.cta);
  w.text(o.content.link);
  w.text(o.content.image);
  w.sint(o.cap_session);
  w.sint(o.cap_day);
  w.sint(o.cap_week);
  w.span(o.cooldown);
  w.span(o.suppress_dismissed);
  w.span(o.suppress_converted);
  w.uint(o.day_mask);
  w.uint(static_cast<std::uint32_t>(o.hour_from));
  w.uint(static_cast<std::uint32_t>(o.hour_to));
  w.span(o.from);
  w.span(o.until);
  w.number(o.holdout);
  w.uint(o.paused ? fmt::kOfferPaused : 0u);
  w.derivable(o.path, offer_pointer(index));
}

std::string body_of(const Program& p) {
  Writer w;
  w.span(p.settings.session_timeout);
  w.span(p.settings.state_ttl);
  w.number(p.settings.control_group);
  w.text(p.settings.salt);
  w.text(p.settings.web);
  w.text(p.settings.currency);

  w.uint(p.series.size());
  for (const auto& s : p.series) {
    w.text(s.type);
    write_where(w, s.where);
    w.text(s.sum_field);
    w.derivable(s.key, series_key(s.type, s.where, s.sum_field));
  }
  w.uint(p.value_sets.size());
  for (const auto& s : p.value_sets) {
    w.text(s.type);
    write_where(w, s.where);
    w.text(s.field);
    w.derivable(s.key, value_set_key(s.type, s.where, s.field));
  }
  w.uint(p.steps.size());
  for (const auto& s : p.steps) {
    w.text(s.type);
    write_where(w, s.where);
    w.derivable(s.key, step_key(s.type, s.where));
  }

  w.uint(p.cart_filters.size());
  for (const auto& where : p.cart_filters) write_where(w, where);

  const std::vector<NodePlace> places = node_places(p);
  w.uint(p.nodes.size());
  for (std::size_t i = 0; i < p.nodes.size(); ++i) write_node(w, p, p.nodes[i], places[i]);
  w.index_list(p.children);

  w.uint(p.segments.size());
  for (std::size_t i = 0; i < p.segments.size(); ++i) write_segment(w, p.segments[i], i);
  w.index_list(p.segment_order);

  std::vector<std::string> slots;
  w.uint(p.offers.size());
  for (std::size_t i = 0; i < p.offers.size(); ++i) write_offer(w, p.offers[i], i, slots);
  return std::move(w.out);
}

}  // namespace

std::string write_program(const Program& program) {
  const std::string body = body_of(program);
  Writer w;
  w.out.reserve(fmt::kHeaderBytes + body.size());
  w.out.append(fmt::kMagic, sizeof fmt::kMagic);
  w.fixed(kProgramFormatVersion, 4);
  w.fixed(program_checksum(body), 8);
  w.fixed(body.size(), 4);
  w.out += body;
  return std::move(w.out);
}

}  // namespace seg
