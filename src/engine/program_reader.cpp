// Bytes -> Program: the header, then the body decoded field by field in the order
// program_format.hpp gives, then verify_program() on the whole, then the derived lookups.
// Decoding checks what is about the bytes (lengths, counts, enum values, integer widths);
// verify_program() checks what is about the program (indices, ranges, trees, order).
#include "program_reader.hpp"

#include <algorithm>
#include <climits>
#include <cstring>

#include "json.hpp"
#include "program_derived.hpp"
#include "program_format.hpp"
#include "program_verify.hpp"
#include "rule_text.hpp"
#include "stable_hash.hpp"
#include "text_number.hpp"

namespace seg {
namespace {

namespace fmt = program_format;

std::uint64_t fixed_le(std::string_view bytes, std::size_t at, int width) {
  std::uint64_t v = 0;
  for (int i = 0; i < width; ++i) v |= static_cast<std::uint64_t>(static_cast<unsigned char>(bytes[at + i])) << (8 * i);
  return v;
}

// Reads the body. The first failure is kept and ends the input, so every later read returns
// zero and every later count is zero: callers check failed() once, after a whole section.
class Decoder {
 public:
  explicit Decoder(std::string_view body) : rest_(body) {}

  bool failed() const { return !error_.empty(); }
  const std::string& error() const { return error_; }
  bool at_end() const { return rest_.empty(); }
  std::size_t remaining() const { return rest_.size(); }
  void fail(std::string message) {
    if (error_.empty()) error_ = std::move(message);
    rest_ = {};
  }

  std::uint64_t uint() {
    std::uint64_t v = 0;
    for (unsigned shift = 0; shift < 64; shift += 7) {
      if (rest_.empty()) {
        fail("The program's body ends in the middle of a value.");
        return 0;
      }
      const auto byte = static_cast<unsigned char>(rest_.front());
      rest_.remove_prefix(1);
      if (shift == 63 && byte > 1) break;  // more than 64 bits
      v |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
      if (!(byte & 0x80)) return v;
    }
    fail("The program holds a number wider than 64 bits.");
    return 0;
  }
  std::int64_t sint() { return unzigzag(uint()); }

  // A non-negative int (an index, a count of children, an hour, a bit mask).
  int natural(const char* what) {
    const std::uint64_t v = uint();
    if (v > static_cast<std::uint64_t>(INT_MAX)) {
      fail(std::string("The program has ") + what + " " + integer_text(static_cast<long long>(v > LLONG_MAX ? LLONG_MAX : v)) +
           ", out of range.");
      return 0;
    }
    return static_cast<int>(v);
  }
  int optional_index(const char* what) {  // written as index + 1, 0 for none
    return natural(what) - 1;
  }
  int small_int(const char* what) {  // priorities, caps
    const std::int64_t v = sint();
    if (v < INT_MIN || v > INT_MAX) {
      fail(std::string("The program has ") + what + " out of range.");
      return 0;
    }
    return static_cast<int>(v);
  }

  double number() {
    const std::uint64_t tag = uint();
    if (!(tag & 1)) return static_cast<double>(unzigzag(tag >> 1));
    if ((tag & 3) == fmt::kDecimalMark) return fmt::decimal_value(unzigzag(tag >> 4), 1 + static_cast<unsigned>(tag >> 2 & 3));
    if (tag != fmt::kNumberIsBits) {
      fail("The program holds a number in an unknown encoding.");
      return 0;
    }
    if (rest_.size() < 8) {
      fail("The program's body ends in the middle of a number.");
      return 0;
    }
    const std::uint64_t bits = fixed_le(rest_, 0, 8);
    rest_.remove_prefix(8);
    double v = 0;
    std::memcpy(&v, &bits, sizeof v);
    return v;
  }

  Millis span() {
    const std::uint64_t tag = uint();
    const unsigned unit = static_cast<unsigned>(tag & 7);
    if (unit == fmt::kSpanIsRaw) return sint();
    const std::uint64_t n = tag >> 3;
    if (unit >= fmt::kSpanUnitCount || n > static_cast<std::uint64_t>(LLONG_MAX / fmt::kSpanUnits[unit])) {
      fail("The program holds a duration out of range.");
      return 0;
    }
    return static_cast<Millis>(n) * fmt::kSpanUnits[unit];
  }

  std::string text() { return bytes(uint()); }
  // A text that may be left to its derivation: false (and `out` untouched) when it is.
  bool literal(std::string& out) {
    const std::uint64_t tag = uint();
    if (tag == 0) return false;
    out = bytes(tag - 1);
    return true;
  }

  // How many items follow. Every item takes at least one byte, so a count above the bytes left
  // is corrupt; checking that first means no count from the bytes can make us allocate more
  // than the bytes could describe.
  std::size_t count(const char* what, std::size_t max = SIZE_MAX) {
    const std::uint64_t n = uint();
    if (n > rest_.size() || n > max) {
      fail(std::string("The program lists ") + integer_text(static_cast<long long>(n > LLONG_MAX ? LLONG_MAX : n)) + " " +
           what + ", more than " + (n > max ? "allowed" : "its remaining bytes could hold") + ".");
      return 0;
    }
    return static_cast<std::size_t>(n);
  }

  template <typename Enum>
  Enum enumerated(std::uint64_t value, Enum last, const char* what) {
    if (value > static_cast<std::uint64_t>(last)) {
      fail(std::string("The program has an unknown ") + what + " (" + integer_text(static_cast<long long>(value & 0xffff)) + ").");
      return Enum{};
    }
    return static_cast<Enum>(value);
  }

 private:
  std::string bytes(std::uint64_t size) {
    if (size > rest_.size()) {
      fail("The program has a text of " + integer_text(static_cast<long long>(size > LLONG_MAX ? LLONG_MAX : size)) +
           " bytes where only " + integer_text(static_cast<long long>(rest_.size())) + " remain.");
      return {};
    }
    const std::string_view text = rest_.substr(0, static_cast<std::size_t>(size));
    // Every text came from JSON, so it is UTF-8; anything else would be saved into the visitor's
    // state, which then would not load again.
    if (!is_valid_utf8(text)) {
      fail("The program has a text that is not UTF-8.");
      return {};
    }
    rest_.remove_prefix(text.size());
    return std::string(text);
  }
  static std::int64_t unzigzag(std::uint64_t v) {
    return static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1);
  }
  std::string_view rest_;
  std::string error_;
};

Comparison read_comparison(Decoder& d) {
  namespace sh = fmt::shape;
  Comparison c;
  const std::uint64_t shape = d.uint();
  if (shape & ~static_cast<std::uint64_t>(sh::kAll)) {
    d.fail("The program has a comparison with unknown parts.");
    return c;
  }
  c.op = d.enumerated(shape & ((1u << sh::kOpBits) - 1), Comparison::Op::Exists, "comparison");
  c.operand = d.enumerated((shape >> sh::kOperandShift) & ((1u << sh::kOperandBits) - 1), Comparison::Operand::Bool,
                           "comparison operand");
  c.flag = (shape & sh::kFlag) != 0;
  if (shape & sh::kA) c.a = d.number();
  if (shape & sh::kB) c.b = d.number();
  if (shape & sh::kText) c.text = d.text();
  if (shape & sh::kTexts) {
    const std::size_t n = d.count("listed texts", fmt::kMaxListed);
    for (std::size_t i = 0; i < n; ++i) c.texts.push_back(d.text());
  }
  if (shape & sh::kNumbers) {
    const std::size_t n = d.count("listed numbers", fmt::kMaxListed);
    for (std::size_t i = 0; i < n; ++i) c.numbers.push_back(d.number());
  }
  return c;
}

std::vector<FieldMatcher> read_where(Decoder& d) {
  std::vector<FieldMatcher> where;
  const std::size_t n = d.count("filter fields", fmt::kMaxWhere);
  for (std::size_t i = 0; i < n; ++i) {
    FieldMatcher m;
    m.field = d.text();
    m.cmp = read_comparison(d);
    where.push_back(std::move(m));
  }
  return where;
}

std::vector<int> read_indices(Decoder& d, const char* what, std::size_t max = SIZE_MAX) {
  std::vector<int> out;
  const std::size_t n = d.count(what, max);
  for (std::size_t i = 0; i < n; ++i) out.push_back(d.natural(what));
  return out;
}

// `literal` gets the node's kName, kPath and kSubject bits: which of those texts were written;
// the others are derived once the program is verified.
Node read_node(Decoder& d, unsigned& literal) {
  Node n;
  const std::uint64_t head = d.uint();
  n.kind = d.enumerated(head & ((1u << fmt::kKindBits) - 1), NodeKind::Cart, "rule kind");
  const std::uint64_t fields = head >> fmt::kKindBits;
  if (fields >> fmt::kNodeFieldBits) {
    d.fail("The program has a rule node with unknown fields.");
    return n;
  }
  literal = static_cast<unsigned>(fields) & (fmt::kName | fmt::kPath | fmt::kSubject);
  if (fields & fmt::kFeature) n.feature = d.natural("a feature index");
  if (fields & fmt::kWindow) {
    n.window.kind = d.enumerated(d.uint(), Window::Kind::Span, "window");
    n.window.span = d.span();
    n.window.ago = d.span();
  }
  if (fields & fmt::kComparison) n.cmp = read_comparison(d);
  if (fields & fmt::kChildren) {
    n.first = d.natural("a child range");
    n.count = d.natural("a child count");
  }
  if (fields & fmt::kFeature2) n.feature2 = d.natural("a feature index");
  if (fields & fmt::kSegment) n.segment = d.natural("a segment index");
  if (fields & fmt::kSteps) n.steps = read_indices(d, "sequence steps", fmt::kMaxSequenceSteps);
  if (fields & fmt::kName) n.name = d.text();
  if (fields & fmt::kPath) n.path = d.text();
  if (fields & fmt::kSubject) n.subject = d.text();
  return n;
}

SegmentDef read_segment(Decoder& d, std::size_t index) {
  SegmentDef s;
  s.id = d.text();
  s.name = d.text();
  s.why = d.text();
  s.priority = d.small_int("a segment priority");
  const std::uint64_t scored = d.uint();
  if (scored > 1) d.fail("The program has a segment that is neither scored nor not.");
  s.scored = scored == 1;
  s.root = d.optional_index("a segment's rule");
  const std::size_t signals = d.count("signals", fmt::kMaxListed);
  for (std::size_t i = 0; i < signals; ++i) {
    Signal sig;
    sig.weight = d.number();
    sig.label = d.text();
    sig.root = d.optional_index("a signal's rule");
    s.signals.push_back(std::move(sig));
  }
  s.enter = d.number();
  s.exit = d.number();
  if (!d.literal(s.path)) s.path = segment_pointer(index);
  return s;
}

void read_offer(Decoder& d, Program& p) {
  OfferDef o;
  o.id = d.text();
  // An earlier slot's index, or the next index and the new slot's name.
  const std::uint64_t slot = d.uint();
  if (slot > p.slots.size()) {
    d.fail("The program has an offer in slot " + integer_text(static_cast<long long>(slot & 0xffffffff)) +
           ", which no earlier offer introduced.");
    return;
  }
  o.slot_index = static_cast<int>(slot);
  if (slot == p.slots.size()) {
    std::string name = d.text();
    for (const auto& s : p.slots) {
      if (s == name) d.fail("The program introduces the slot \"" + name.substr(0, 64) + "\" twice.");
    }
    p.slots.push_back(std::move(name));
    p.slot_offers.emplace_back();
  }
  o.slot = p.slots[slot];
  o.segments = read_indices(d, "offer segments", fmt::kMaxListed);
  o.rule = d.optional_index("an offer's rule");
  o.priority = d.small_int("an offer priority");
  o.content.title = d.text();
  o.content.body = d.text();
  o.content.cta = d.text();
  o.content.link = d.text();
  o.content.image = d.text();
  o.why = d.text();
  o.cap_session = d.small_int("a cap");
  o.cap_day = d.small_int("a cap");
  o.cap_week = d.small_int("a cap");
  o.cooldown = d.span();
  o.suppress_dismissed = d.span();
  o.suppress_converted = d.span();
  o.day_mask = static_cast<unsigned>(d.natural("a day mask"));
  o.hour_from = d.natural("an hour");
  o.hour_to = d.natural("an hour");
  o.from = d.span();
  o.until = d.span();
  o.holdout = d.number();
  const std::uint64_t flags = d.uint();
  if (flags > fmt::kOfferFlags) d.fail("The program has unknown offer flags.");
  o.paused = (flags & fmt::kOfferPaused) != 0;
  if (!d.literal(o.path)) o.path = offer_pointer(p.offers.size());
  p.slot_offers[slot].push_back(static_cast<int>(p.offers.size()));
  p.offers.push_back(std::move(o));
}

// Fills `literal` with each node's written-text bits (read_node).
void read_body(Decoder& d, Program& p, std::vector<unsigned>& literal) {
  p.settings.session_timeout = d.span();
  p.settings.state_ttl = d.span();
  p.settings.control_group = d.number();
  p.settings.salt = d.text();
  p.settings.web = d.text();
  p.settings.currency = d.text();

  // A feature's key depends on nothing else, so it is derived at once (verify checks keys).
  for (std::size_t i = 0, n = d.count("series"); i < n; ++i) {
    SeriesSpec s;
    s.type = d.text();
    s.where = read_where(d);
    s.sum_field = d.text();
    if (!d.literal(s.key)) s.key = series_key(s.type, s.where, s.sum_field);
    p.series.push_back(std::move(s));
  }
  for (std::size_t i = 0, n = d.count("value sets"); i < n; ++i) {
    ValueSetSpec s;
    s.type = d.text();
    s.where = read_where(d);
    s.field = d.text();
    if (!d.literal(s.key)) s.key = value_set_key(s.type, s.where, s.field);
    p.value_sets.push_back(std::move(s));
  }
  for (std::size_t i = 0, n = d.count("sequence steps"); i < n; ++i) {
    StepSpec s;
    s.type = d.text();
    s.where = read_where(d);
    if (!d.literal(s.key)) s.key = step_key(s.type, s.where);
    p.steps.push_back(std::move(s));
  }
  for (std::size_t i = 0, n = d.count("cart filters"); i < n; ++i) p.cart_filters.push_back(read_where(d));
  for (std::size_t i = 0, n = d.count("rule nodes"); i < n; ++i) {
    literal.push_back(0);
    p.nodes.push_back(read_node(d, literal.back()));
  }
  p.children = read_indices(d, "children");
  for (std::size_t i = 0, n = d.count("segments", fmt::kMaxSegments); i < n; ++i) p.segments.push_back(read_segment(d, i));
  p.segment_order = read_indices(d, "segments in order", fmt::kMaxSegments);
  for (std::size_t i = 0, n = d.count("offers", fmt::kMaxOffers); i < n; ++i) read_offer(d, p);
  if (!d.failed() && !d.at_end()) d.fail("The program has " + integer_text(static_cast<long long>(d.remaining())) + " bytes after its last offer.");
}

// The nodes' texts that were left to their derivation, on a verified program: names first
// (subjects use them), pointers from the last node down (a parent's before its children's).
// False when they would pass the budget of program_format.hpp.
bool derive_node_texts(Program& p, const std::vector<unsigned>& literal, std::size_t body_bytes) {
  const std::size_t budget = fmt::kDerivedTextFloor + fmt::kDerivedTextPerBodyByte * body_bytes;
  std::size_t spent = 0;
  const auto derive = [&](std::string& field, std::string text) {
    spent += text.size();
    field = std::move(text);
    return spent <= budget;
  };
  for (std::size_t i = 0; i < p.nodes.size(); ++i)
    if (!(literal[i] & fmt::kName) && !derive(p.nodes[i].name, derived_name(p, p.nodes[i]))) return false;
  const std::vector<NodePlace> places = node_places(p);
  for (std::size_t i = p.nodes.size(); i-- > 0;)
    if (!(literal[i] & fmt::kPath) && !derive(p.nodes[i].path, derived_path(p, places[i]))) return false;
  for (std::size_t i = 0; i < p.nodes.size(); ++i)
    if (!(literal[i] & fmt::kSubject) && !derive(p.nodes[i].subject, derived_subject(p, p.nodes[i]))) return false;
  return true;
}

// The lookups compile_config builds as it goes, rebuilt in the same order.
void rebuild_lookups(Program& p) {
  for (std::size_t i = 0; i < p.series.size(); ++i) p.by_type[p.series[i].type].series.push_back(static_cast<int>(i));
  for (std::size_t i = 0; i < p.value_sets.size(); ++i) p.by_type[p.value_sets[i].type].value_sets.push_back(static_cast<int>(i));
  for (std::size_t i = 0; i < p.steps.size(); ++i) p.by_type[p.steps[i].type].steps.push_back(static_cast<int>(i));
  for (std::size_t i = 0; i < p.segments.size(); ++i) p.segment_index[p.segments[i].id] = static_cast<int>(i);
  for (std::size_t i = 0; i < p.offers.size(); ++i) p.offer_index[p.offers[i].id] = static_cast<int>(i);
  // slots, slot_offers and OfferDef::slot_index were filled while reading the offers.
}

ProgramRead failure(const char* code, std::string message) { return ProgramRead{nullptr, code, std::move(message)}; }

}  // namespace

std::uint64_t program_checksum(std::string_view body) { return fnv1a64(body); }

bool read_program_header(std::string_view bytes, ProgramHeader& out) {
  if (bytes.size() < fmt::kHeaderBytes || std::memcmp(bytes.data(), fmt::kMagic, sizeof fmt::kMagic) != 0) return false;
  out.version = static_cast<std::uint32_t>(fixed_le(bytes, 4, 4));
  out.checksum = fixed_le(bytes, 8, 8);
  out.body_bytes = static_cast<std::uint32_t>(fixed_le(bytes, 16, 4));
  return true;
}

ProgramRead read_program(std::string_view bytes) {
  // The magic first (a short prefix of it is a truncated program), then the version, so a
  // program of another version is named as such whatever its layout.
  const std::size_t magic = std::min(bytes.size(), sizeof fmt::kMagic);
  if (magic > 0 && std::memcmp(bytes.data(), fmt::kMagic, magic) != 0)
    return failure("program_not_a_program", "These bytes are not a compiled program: they do not start with \"SSEG\".");
  if (bytes.size() >= 8) {
    const auto version = static_cast<std::uint32_t>(fixed_le(bytes, 4, 4));
    if (version != kProgramFormatVersion)
      return failure("program_version", "This program is in format version " + integer_text(version) +
                                            "; this engine reads version " + integer_text(kProgramFormatVersion) + ".");
  }
  ProgramHeader header;
  if (!read_program_header(bytes, header))
    return failure("program_truncated", "The program ends after " + integer_text(static_cast<long long>(bytes.size())) +
                                            " bytes, inside its 20-byte header.");
  const std::string_view body = bytes.substr(fmt::kHeaderBytes);
  if (body.size() < header.body_bytes)
    return failure("program_truncated", "The program's body is " + integer_text(static_cast<long long>(body.size())) +
                                            " bytes long; its header announces " + integer_text(header.body_bytes) + ".");
  if (body.size() > header.body_bytes)
    return failure("program_corrupt", "The program has " + integer_text(static_cast<long long>(body.size() - header.body_bytes)) +
                                          " bytes after the body its header announces.");
  if (program_checksum(body) != header.checksum)
    return failure("program_checksum", "The program's checksum does not match its contents: it was damaged or altered.");

  auto program = std::make_shared<Program>();
  std::vector<unsigned> literal;
  Decoder decoder(body);
  read_body(decoder, *program, literal);
  if (decoder.failed()) return failure("program_corrupt", decoder.error());
  std::string problem = verify_program(*program);
  if (!problem.empty()) return failure("program_corrupt", std::move(problem));
  if (!derive_node_texts(*program, literal, body.size()))
    return failure("program_corrupt", "The program's rules would spell out more text than any configuration could.");
  rebuild_lookups(*program);
  return ProgramRead{std::move(program), {}, {}};
}

}  // namespace seg
