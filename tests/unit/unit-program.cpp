// Compiled programs: write_program -> read_program gives back the program that was written (every
// field, and the lookups rebuilt as compile_config builds them), the same configuration gives
// the same bytes, and the reader refuses damaged and hostile bytes (truncation, bit flips, other
// versions, rule cycles, shared nodes, deep rules, out-of-order segments, huge counts) without
// crashing; whatever it accepts, the engine runs.
#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "shopper_segments/engine.hpp"
#include "engine/program.hpp"
#include "engine/program_derived.hpp"
#include "engine/program_reader.hpp"
#include "engine/rule_text.hpp"
#include "random_config.hpp"
#include "random_journey.hpp"
#include "toolkit/program_writer.hpp"
#include "shopper_segments/toolkit.hpp"

using namespace seg;

namespace {

constexpr Millis kStart = 1795428000000;  // Monday 2026-11-23 10:00 UTC
constexpr std::size_t kHeader = 20;

std::string catalog_bytes() { return write_program(*default_catalog_program()); }

std::shared_ptr<const Program> compiled(const std::string& config) {
  auto result = compile_config(config);
  REQUIRE_MESSAGE(result.program, config);
  return result.program;
}

// ---- the header, by hand ----

void put_le(std::string& out, std::uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) out += static_cast<char>((v >> (8 * i)) & 0xff);
}

std::string with_header(const std::string& body, std::uint32_t version = kProgramFormatVersion) {
  std::string out = "SSEG";
  put_le(out, version, 4);
  put_le(out, program_checksum(body), 8);
  put_le(out, body.size(), 4);
  return out + body;
}

// The same bytes with the header made to match the body again (checksum and length).
std::string resealed(const std::string& bytes) { return with_header(bytes.substr(kHeader)); }

// ---- a body, by hand ----

void uleb(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out += static_cast<char>((v & 0x7f) | 0x80);
    v >>= 7;
  }
  out += static_cast<char>(v);
}

// A `span` in milliseconds (unit 0): not the shortest form, which the reader does not require.
void span_ms(std::string& out, Millis v) { uleb(out, static_cast<std::uint64_t>(v) << 3); }

std::string empty_settings(Millis session_timeout = 30 * kMinute) {
  std::string out;
  span_ms(out, session_timeout);
  span_ms(out, 365 * kDay);
  uleb(out, 0);  // control_group: the whole number 0
  uleb(out, 0);  // salt
  uleb(out, 0);  // web
  uleb(out, 0);  // currency
  return out;
}
// A body of the given settings followed by these counts of series, value sets, steps, cart
// filters, nodes, children, segments, segment order and offers (all zero: the empty program).
std::string body_with(const std::string& settings, std::vector<std::uint64_t> counts = std::vector<std::uint64_t>(9, 0)) {
  std::string out = settings;
  for (std::uint64_t c : counts) uleb(out, c);
  return out;
}

// ---- the same program, field by field ----

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }
bool same(const Comparison& a, const Comparison& b) {
  if (a.numbers.size() != b.numbers.size()) return false;
  for (std::size_t i = 0; i < a.numbers.size(); ++i)
    if (!same_bits(a.numbers[i], b.numbers[i])) return false;
  return a.op == b.op && a.operand == b.operand && same_bits(a.a, b.a) && same_bits(a.b, b.b) && a.flag == b.flag &&
         a.text == b.text && a.texts == b.texts;
}
bool same(const std::vector<FieldMatcher>& a, const std::vector<FieldMatcher>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].field != b[i].field || !same(a[i].cmp, b[i].cmp)) return false;
  return true;
}
bool same(const Window& a, const Window& b) { return a.kind == b.kind && a.span == b.span && a.ago == b.ago; }
bool same(const TypeFeatures& a, const TypeFeatures& b) {
  return a.series == b.series && a.value_sets == b.value_sets && a.steps == b.steps;
}
bool same(const std::map<std::string, TypeFeatures>& a, const std::map<std::string, TypeFeatures>& b) {
  if (a.size() != b.size()) return false;
  for (auto i = a.begin(), j = b.begin(); i != a.end(); ++i, ++j)
    if (i->first != j->first || !same(i->second, j->second)) return false;
  return true;
}

// Empty when equal; else the first field that differs. Written out field by field (not through
// the writer), so a field the writer forgot shows here.
#define SEG_SAME(what, condition) \
  if (!(condition)) return std::string(what) + ": " #condition
std::string difference(const Program& a, const Program& b) {
  SEG_SAME("settings", a.settings.session_timeout == b.settings.session_timeout && a.settings.state_ttl == b.settings.state_ttl &&
                           same_bits(a.settings.control_group, b.settings.control_group) && a.settings.salt == b.settings.salt &&
                           a.settings.web == b.settings.web && a.settings.currency == b.settings.currency);
  SEG_SAME("series", a.series.size() == b.series.size());
  for (std::size_t i = 0; i < a.series.size(); ++i) {
    const auto &x = a.series[i], &y = b.series[i];
    SEG_SAME("series " + std::to_string(i), x.key == y.key && x.type == y.type && same(x.where, y.where) && x.sum_field == y.sum_field);
  }
  SEG_SAME("value_sets", a.value_sets.size() == b.value_sets.size());
  for (std::size_t i = 0; i < a.value_sets.size(); ++i) {
    const auto &x = a.value_sets[i], &y = b.value_sets[i];
    SEG_SAME("value set " + std::to_string(i), x.key == y.key && x.type == y.type && same(x.where, y.where) && x.field == y.field);
  }
  SEG_SAME("steps", a.steps.size() == b.steps.size());
  for (std::size_t i = 0; i < a.steps.size(); ++i) {
    const auto &x = a.steps[i], &y = b.steps[i];
    SEG_SAME("step " + std::to_string(i), x.key == y.key && x.type == y.type && same(x.where, y.where));
  }
  SEG_SAME("cart_filters", a.cart_filters.size() == b.cart_filters.size());
  for (std::size_t i = 0; i < a.cart_filters.size(); ++i) SEG_SAME("cart filter " + std::to_string(i), same(a.cart_filters[i], b.cart_filters[i]));
  SEG_SAME("by_type", same(a.by_type, b.by_type));
  SEG_SAME("nodes", a.nodes.size() == b.nodes.size());
  for (std::size_t i = 0; i < a.nodes.size(); ++i) {
    const Node &x = a.nodes[i], &y = b.nodes[i];
    const std::string at = "node " + std::to_string(i);
    SEG_SAME(at, x.kind == y.kind && x.first == y.first && x.count == y.count && x.feature == y.feature && x.feature2 == y.feature2);
    SEG_SAME(at, same(x.window, y.window) && same(x.cmp, y.cmp) && x.name == y.name && x.segment == y.segment && x.steps == y.steps);
    SEG_SAME(at, x.path == y.path && x.subject == y.subject);
  }
  SEG_SAME("children", a.children == b.children);
  SEG_SAME("segments", a.segments.size() == b.segments.size());
  for (std::size_t i = 0; i < a.segments.size(); ++i) {
    const SegmentDef &x = a.segments[i], &y = b.segments[i];
    const std::string at = "segment " + std::to_string(i);
    // Descriptions are for owners: a program leaves them in the configuration.
    SEG_SAME(at, x.id == y.id && x.name == y.name && y.description.empty() && x.priority == y.priority);
    SEG_SAME(at, x.scored == y.scored && x.root == y.root && same_bits(x.enter, y.enter) && same_bits(x.exit, y.exit) && x.path == y.path);
    SEG_SAME(at, x.signals.size() == y.signals.size());
    for (std::size_t k = 0; k < x.signals.size(); ++k)
      SEG_SAME(at, same_bits(x.signals[k].weight, y.signals[k].weight) && x.signals[k].label == y.signals[k].label &&
                       x.signals[k].root == y.signals[k].root);
  }
  SEG_SAME("segment_order", a.segment_order == b.segment_order);
  SEG_SAME("segment_index", a.segment_index == b.segment_index);
  SEG_SAME("offers", a.offers.size() == b.offers.size());
  for (std::size_t i = 0; i < a.offers.size(); ++i) {
    const OfferDef &x = a.offers[i], &y = b.offers[i];
    const std::string at = "offer " + std::to_string(i);
    SEG_SAME(at, x.id == y.id && x.slot == y.slot && x.slot_index == y.slot_index && x.segments == y.segments && x.rule == y.rule &&
                     x.priority == y.priority);
    SEG_SAME(at, x.content.title == y.content.title && x.content.body == y.content.body && x.content.cta == y.content.cta &&
                     x.content.link == y.content.link && x.content.image == y.content.image);
    SEG_SAME(at, x.cap_session == y.cap_session && x.cap_day == y.cap_day && x.cap_week == y.cap_week && x.cooldown == y.cooldown &&
                     x.suppress_dismissed == y.suppress_dismissed && x.suppress_converted == y.suppress_converted);
    SEG_SAME(at, x.day_mask == y.day_mask && x.hour_from == y.hour_from && x.hour_to == y.hour_to && x.from == y.from &&
                     x.until == y.until && same_bits(x.holdout, y.holdout) && x.paused == y.paused && x.path == y.path);
  }
  SEG_SAME("offer_index", a.offer_index == b.offer_index);
  SEG_SAME("slots", a.slots == b.slots && a.slot_offers == b.slot_offers);
  return "";
}
#undef SEG_SAME

// ---- running what was read ----

// A short journey through everything the engine does with a program; returns its answers as
// text so two engines can be compared. Under the sanitizers this is also the "never crashes" check.
std::string journey(std::shared_ptr<const Program> program, std::uint64_t seed = 7) {
  Engine engine(std::move(program));
  engine.set_visitor_id("visitor-" + std::to_string(seed));
  engine.set_trait("customer_orders", Value::of(2.0));
  engine.set_trait("vip", Value::of_bool(true));
  engine.set_context("device", Value::of("mobile"));
  engine.set_context("tz_offset", Value::of(60.0));
  testing::Lcg rng{seed};
  std::string answers;
  Millis now = kStart;
  const Program& p = engine.program();
  for (int i = 0; i < 24; ++i) {
    now += 1000 + rng.next() % (3 * kHour);
    Event event = testing::random_event(rng);
    // Also the program's own event types, so its features fill up.
    if (!p.series.empty() && i % 2) event.type = p.series[rng.next() % p.series.size()].type;
    engine.track(event, now);
    if (i % 6 == 5) {
      for (const SegmentState& s : engine.segment_states(now)) answers += s.member ? '1' : '0';
      for (const Decision& d : engine.decide(now)) answers += " " + d.slot + "=" + d.offer + ":" + d.reason;
      answers += "\n";
      const Choices& choices = engine.choose(now);
      if (!choices.slots.empty() && choices.slots[0].offer >= 0)
        engine.record(p.offers[static_cast<std::size_t>(choices.slots[0].offer)].id, Outcome::Shown, now);
    }
  }
  for (const SegmentResult& s : engine.segments(now + kDay)) answers += s.id + (s.member ? "+" : "-");
  const std::string saved = engine.save(now);
  Engine again(engine.shared_program());
  CHECK(again.load(saved, now).empty());
  for (const Decision& d : again.decide(now + kWeek)) answers += " " + d.offer;
  return answers;
}

void check_round_trip(const Program& program, const std::string& what) {
  const std::string bytes = write_program(program);
  const ProgramRead read = read_program(bytes);
  REQUIRE_MESSAGE(read.code.empty(), what << ": " << read.code << ": " << read.message);
  REQUIRE(read.program);
  CHECK_MESSAGE(difference(program, *read.program).empty(), what << ": " << difference(program, *read.program));
  CHECK_MESSAGE(write_program(*read.program) == bytes, what);
}

bool refused_as(const std::string& bytes, const char* code) {
  const ProgramRead read = read_program(bytes);
  INFO("code " << read.code << ": " << read.message);
  return read.code == code && !read.program && !read.message.empty();
}

}  // namespace

TEST_CASE("program: the catalogue reads back as the program it was written from") {
  check_round_trip(*default_catalog_program(), "catalogue");
  const std::string bytes = catalog_bytes();
  MESSAGE("the catalogue's program: " << bytes.size() << " bytes");
  CHECK(bytes.compare(0, 4, "SSEG") == 0);
  CHECK(bytes.size() < 16 * 1024);
}

TEST_CASE("program: random configurations read back as compiled, and decide the same") {
  int programs = 0;
  for (std::uint64_t seed = 0; seed < 300; ++seed) {
    const std::string config = testing::RandomConfig(seed).make();
    const auto result = compile_config(config);
    if (!result.program) continue;
    ++programs;
    CAPTURE(config);
    check_round_trip(*result.program, "seed " + std::to_string(seed));
    const ProgramRead read = read_program(write_program(*result.program));
    REQUIRE(read.program);
    CHECK(journey(read.program, seed) == journey(result.program, seed));
  }
  MESSAGE(programs << " of 300 random configurations compiled");
  CHECK(programs >= 150);
}

// The reader derives these texts instead of reading them; when compile_config and
// program_derived.cpp agree, a compiled program carries none of them (only its size shows it).
std::string underived_text(const Program& p) {
  const std::vector<NodePlace> places = node_places(p);
  for (std::size_t i = 0; i < p.nodes.size(); ++i) {
    const Node& n = p.nodes[i];
    if (n.name != derived_name(p, n) && n.kind != NodeKind::Trait && n.kind != NodeKind::Context && n.kind != NodeKind::Cart) return "name of node " + std::to_string(i);
    if (n.path != derived_path(p, places[i])) return "path of node " + std::to_string(i) + ": " + n.path + " vs " + derived_path(p, places[i]);
    if (n.subject != derived_subject(p, n)) return "subject of node " + std::to_string(i) + ": " + n.subject + " vs " + derived_subject(p, n);
  }
  for (const auto& s : p.series)
    if (s.key != series_key(s.type, s.where, s.sum_field)) return "key " + s.key;
  for (const auto& s : p.value_sets)
    if (s.key != value_set_key(s.type, s.where, s.field)) return "key " + s.key;
  for (const auto& s : p.steps)
    if (s.key != step_key(s.type, s.where)) return "key " + s.key;
  for (std::size_t i = 0; i < p.segments.size(); ++i)
    if (p.segments[i].path != segment_pointer(i)) return "path of segment " + std::to_string(i);
  for (std::size_t i = 0; i < p.offers.size(); ++i)
    if (p.offers[i].path != offer_pointer(i)) return "path of offer " + std::to_string(i);
  return "";
}

TEST_CASE("program: keys, pointers, subjects and names are derived, not carried") {
  CHECK(underived_text(*default_catalog_program()) == "");
  for (std::uint64_t seed = 0; seed < 100; ++seed) {
    const std::string config = testing::RandomConfig(seed).make();
    const auto result = compile_config(config);
    if (!result.program) continue;
    CAPTURE(config);
    CHECK(underived_text(*result.program) == "");
  }
  // A text that is not its derivation is carried as it is.
  Program p = *default_catalog_program();
  p.nodes[0].subject = "something else";
  p.nodes[1].path = "";
  p.series[0].key = "custom";
  p.offers[0].path = "/elsewhere";
  check_round_trip(p, "altered texts");
}

TEST_CASE("program: the same configuration gives the same bytes") {
  const std::string catalog(default_catalog_json());
  CHECK(write_program(*compiled(catalog)) == write_program(*compiled(catalog)));
  CHECK(write_program(*compiled(catalog)) == catalog_bytes());
  for (std::uint64_t seed = 0; seed < 20; ++seed) {
    const std::string config = testing::RandomConfig(seed).make();
    const auto a = compile_config(config), b = compile_config(config);
    if (a.program) CHECK(write_program(*a.program) == write_program(*b.program));
  }
}

TEST_CASE("program: a cut program is refused, wherever it is cut") {
  const std::string bytes = catalog_bytes();
  for (std::size_t size = 0; size < bytes.size(); ++size) {
    CAPTURE(size);
    CHECK(refused_as(bytes.substr(0, size), "program_truncated"));
  }
  // Cut inside the body with a header that matches what is left: the body itself ends early.
  // (Every fifth length, to keep the sanitized and WebAssembly runs short; the fuzzer does the rest.)
  for (std::size_t size = kHeader; size < bytes.size(); size += 5) {
    CAPTURE(size);
    CHECK(refused_as(resealed(bytes.substr(0, size)), "program_corrupt"));
  }
}

TEST_CASE("program: a flipped bit is refused") {
  const std::string bytes = catalog_bytes();
  const auto flipped = [&](std::size_t bit) {
    std::string damaged = bytes;
    damaged[bit / 8] = static_cast<char>(damaged[bit / 8] ^ (1 << (bit % 8)));
    return damaged;
  };
  // Every bit of the header: whatever it becomes, no program.
  for (std::size_t bit = 0; bit < kHeader * 8; ++bit) {
    CAPTURE(bit);
    CHECK(!read_program(flipped(bit)).program);
    if (bit >= 8 * 8 && bit < 16 * 8) CHECK(refused_as(flipped(bit), "program_checksum"));
  }
  // In the body, one bit of every third byte (the bit moves with the byte): FNV-1a changes with
  // any one changed byte, so each is a checksum error.
  for (std::size_t at = kHeader; at < bytes.size(); at += 3) {
    CAPTURE(at);
    CHECK(refused_as(flipped(at * 8 + at % 8), "program_checksum"));
  }
}

TEST_CASE("program: flipped bits under a recomputed checksum are refused or verified, and verified ones run") {
  const std::string bytes = catalog_bytes();
  int verified = 0, refused = 0;
  // One bit of every seventh body byte (which bit moves with the byte, so all eight are hit).
  for (std::size_t at = kHeader; at < bytes.size(); at += 7) {
    std::string damaged = bytes;
    damaged[at] = static_cast<char>(damaged[at] ^ (1 << (at % 8)));
    const ProgramRead read = read_program(resealed(damaged));
    CAPTURE(at);
    if (read.program) {
      ++verified;
      if (verified % 8 == 1) journey(read.program, at);  // a sample: a journey takes a while under the sanitizers
    } else {
      ++refused;
      CHECK(read.code == "program_corrupt");
    }
  }
  MESSAGE(verified << " damaged programs still verified (a changed text or number in range), " << refused << " refused");
  CHECK(refused > 0);
}

TEST_CASE("program: other versions, other files and the header") {
  const std::string bytes = catalog_bytes();
  const std::string body = bytes.substr(kHeader);
  const ProgramRead later = read_program(with_header(body, kProgramFormatVersion + 1));
  CHECK(later.code == "program_version");
  CHECK(later.message.find("version " + std::to_string(kProgramFormatVersion + 1)) != std::string::npos);
  CHECK(later.message.find("version " + std::to_string(kProgramFormatVersion)) != std::string::npos);
  // Version 1 programs had no offer flags, version 2 no cart; this engine reads only its own version.
  CHECK(refused_as(with_header(body, 2), "program_version"));
  CHECK(refused_as(with_header(body, 1), "program_version"));
  CHECK(refused_as(with_header(body, 0), "program_version"));
  CHECK(refused_as(std::string(default_catalog_json()), "program_not_a_program"));
  CHECK(refused_as("SSEX", "program_not_a_program"));
  CHECK(refused_as("", "program_truncated"));
  CHECK(refused_as("SSE", "program_truncated"));
  CHECK(refused_as(bytes + "x", "program_corrupt"));

  ProgramHeader header;
  REQUIRE(read_program_header(bytes, header));
  CHECK(header.version == kProgramFormatVersion);
  CHECK(header.checksum == program_checksum(body));
  CHECK(header.body_bytes == body.size());
  CHECK(read_program_header(with_header(body, 9), header));
  CHECK(header.version == 9);
  CHECK_FALSE(read_program_header(bytes.substr(0, kHeader - 1), header));
  CHECK_FALSE(read_program_header("{\"version\": 1, \"segments\": []}", header));
}

TEST_CASE("program: the empty program and hand-made bodies") {
  const ProgramRead empty = read_program(with_header(body_with(empty_settings())));
  REQUIRE(empty.program);
  CHECK(empty.program->segments.empty());
  journey(empty.program);

  SUBCASE("a count far beyond the bytes allocates nothing and is refused") {
    for (std::uint64_t huge : {std::uint64_t{1} << 31, std::uint64_t{0xffffffff}, ~std::uint64_t{0}}) {
      for (std::size_t which = 0; which < 9; ++which) {
        std::vector<std::uint64_t> counts(9, 0);
        counts[which] = huge;
        CAPTURE(which);
        CHECK(refused_as(with_header(body_with(empty_settings(), counts)), "program_corrupt"));
      }
    }
  }
  SUBCASE("a varint wider than 64 bits") {
    CHECK(refused_as(with_header(body_with(empty_settings()) + std::string(11, '\xff')), "program_corrupt"));
    std::string settings;
    settings.append(10, '\xff');
    settings += '\x01';
    CHECK(refused_as(with_header(body_with(settings)), "program_corrupt"));
  }
  SUBCASE("bytes after the last offer") {
    CHECK(refused_as(with_header(body_with(empty_settings()) + "x"), "program_corrupt"));
  }
  SUBCASE("a text longer than the bytes left") {
    std::string settings;
    span_ms(settings, 30 * kMinute);
    span_ms(settings, 365 * kDay);
    uleb(settings, 0);
    uleb(settings, 1000);  // salt of 1000 bytes
    CHECK(refused_as(with_header(body_with(settings)), "program_corrupt"));
  }
  SUBCASE("a number in an unknown encoding, and settings out of range") {
    std::string settings;
    span_ms(settings, 30 * kMinute);
    span_ms(settings, 365 * kDay);
    uleb(settings, 5);  // tags ending in binary 01 other than 1 itself mean nothing
    CHECK(refused_as(with_header(body_with(settings + std::string(3, '\0'))), "program_corrupt"));
    CHECK(refused_as(with_header(body_with(empty_settings(1000))), "program_corrupt"));  // sessions of a second
  }
}

TEST_CASE("program: cart conditions and the currency read back, and hostile ones are refused") {
  const auto base = compiled(R"({"version":1,"settings":{"currency":"EUR"},"segments":[
      {"id":"a","rule":{"all":[{"cart":"value","lt":50},{"cart":"quantity","gte":1}]}},
      {"id":"b","rule":{"cart":"items","where":{"tags":"sale"},"gte":1}}],
    "offers":[{"id":"o","slot":"cart","segments":["a"],"content":{"title":"{amount_left:50} to go"}}]})");
  check_round_trip(*base, "cart");
  CHECK(underived_text(*base) == "");
  CHECK(base->settings.currency == "EUR");
  REQUIRE(base->cart_filters.size() == 1);
  // Nodes: 0 cart value, 1 cart quantity, 2 all, 3 cart items filtered.
  REQUIRE(base->nodes.size() == 4);
  CHECK(base->nodes[3].kind == NodeKind::Cart);
  CHECK(base->nodes[3].feature == 0);
  CHECK(base->nodes[0].feature == -1);
  CHECK(base->nodes[3].subject == "cart items where tags = \"sale\"");

  const auto refused = [&](const char* what, void (*alter)(Program&)) {
    Program p = *base;
    alter(p);
    const ProgramRead read = read_program(write_program(p));
    CHECK_MESSAGE(read.code == "program_corrupt", what << " -> " << read.code << ": " << read.message);
  };
  refused("a measure the cart does not have", [](Program& p) { p.nodes[0].name = "total"; });
  refused("a cart filter that does not exist", [](Program& p) { p.nodes[3].feature = 1; });
  refused("a cart condition with a window", [](Program& p) { p.nodes[0].window = Window{Window::Kind::Session, 0, 0}; });
  refused("a cart condition without a comparison", [](Program& p) { p.nodes[0].cmp = Comparison(); });
  refused("a cart filter without a comparison", [](Program& p) { p.cart_filters[0][0].cmp.op = Comparison::Op::None; });
  refused("a currency in lower case", [](Program& p) { p.settings.currency = "eur"; });
  refused("a currency of four letters", [](Program& p) { p.settings.currency = "EURO"; });
}

TEST_CASE("program: hostile programs are refused") {
  // Written by the toolkit's writer from programs altered by hand: the writer writes anything.
  const auto base = compiled(R"({"version":1,"segments":[
      {"id":"a","rule":{"all":[{"count":"view_item","where":{"tags":"new"},"gte":2},{"not":{"count":"purchase"}}]}},
      {"id":"b","rule":{"any":[{"segment":"a"},{"sequence":["add_to_cart","purchase"],"within":"7d"}]}},
      {"id":"c","score":{"signals":[{"weight":2,"rule":{"trait":"vip","eq":true}}],"enter":1}}],
    "offers":[{"id":"o","slot":"hero","segments":["b"],"rule":{"context":"device","eq":"mobile"}}]})");
  check_round_trip(*base, "base");
  // Node layout (children before parents): 0 count, 1 count purchase, 2 not, 3 all, 4 segment,
  // 5 sequence, 6 any, 7 trait, 8 context.
  REQUIRE(base->nodes.size() == 9);
  REQUIRE(base->nodes[2].kind == NodeKind::Not);
  REQUIRE(base->nodes[3].kind == NodeKind::All);
  REQUIRE(base->nodes[4].kind == NodeKind::SegmentRef);

  const auto refused = [&](const char* what, void (*alter)(Program&)) {
    Program p = *base;
    alter(p);
    const ProgramRead read = read_program(write_program(p));
    CHECK_MESSAGE(read.code == "program_corrupt", what << " -> " << read.code << ": " << read.message);
    CHECK(!read.program);
  };
  refused("a node that is its own child", [](Program& p) { p.children[static_cast<std::size_t>(p.nodes[2].first)] = 2; });
  refused("a child after its parent (a cycle)", [](Program& p) { p.children[static_cast<std::size_t>(p.nodes[2].first)] = 3; });
  refused("a child out of range", [](Program& p) { p.children[0] = 99; });
  refused("a node shared by two parents", [](Program& p) {
    p.children[static_cast<std::size_t>(p.nodes[3].first)] = 1;  // all -> count purchase, as not does
  });
  refused("a root that is also a child", [](Program& p) { p.segments[1].root = 3; });
  refused("two segments sharing one rule", [](Program& p) { p.segments[1].root = p.segments[0].root; });
  refused("a node no rule uses", [](Program& p) { p.nodes.push_back(p.nodes[0]); });
  refused("children past the list", [](Program& p) { p.nodes[3].count = 40; });
  refused("a not with two children", [](Program& p) { p.nodes[2].count = 2; });
  refused("a segment evaluated before the one it refers to", [](Program& p) { std::swap(p.segment_order[0], p.segment_order[1]); });
  refused("a segment that refers to itself", [](Program& p) { p.nodes[4].segment = 1; });
  refused("a segment order that repeats one", [](Program& p) { p.segment_order[2] = p.segment_order[0]; });
  refused("a segment order that leaves one out", [](Program& p) { p.segment_order.pop_back(); });
  refused("a reference to a segment that does not exist", [](Program& p) { p.nodes[4].segment = 7; });
  refused("a series that does not exist", [](Program& p) { p.nodes[0].feature = static_cast<int>(p.series.size()); });
  refused("a count reading a value set", [](Program& p) { p.nodes[0].kind = NodeKind::CountPer; });
  refused("a step that does not exist", [](Program& p) { p.nodes[5].steps.push_back(99); });
  refused("a sequence of 17 steps", [](Program& p) { p.nodes[5].steps.assign(17, 0); });
  // Every 4-bit kind is a kind since the cart (15): a count turned into a cart has fields a cart has not.
  refused("a count turned into a cart", [](Program& p) { p.nodes[0].kind = NodeKind::Cart; });
  refused("a field the kind does not have", [](Program& p) { p.nodes[2].feature = 0; });
  refused("an unknown comparison", [](Program& p) { p.nodes[0].cmp.op = static_cast<Comparison::Op>(13); });
  refused("a threshold that is not a number", [](Program& p) { p.nodes[0].cmp.a = std::nan(""); });
  refused("a window reaching back forever", [](Program& p) { p.nodes[5].window.ago = std::numeric_limits<Millis>::max(); });
  refused("a session window shifted", [](Program& p) {
    p.nodes[5].window.kind = Window::Kind::Session;
    p.nodes[5].window.span = 0;
    p.nodes[5].window.ago = kDay;
  });
  refused("a repeated segment id", [](Program& p) { p.segments[1].id = "a"; });
  refused("a scored segment with a rule", [](Program& p) { p.segments[2].root = 0; });
  refused("a negative weight", [](Program& p) { p.segments[2].signals[0].weight = -1; });
  refused("an offer of a segment that does not exist", [](Program& p) { p.offers[0].segments.push_back(3); });
  refused("an offer rule that does not exist", [](Program& p) { p.offers[0].rule = 9; });
  refused("hours the wrong way round", [](Program& p) {
    p.offers[0].hour_from = 20;
    p.offers[0].hour_to = 8;
  });
  refused("a day that does not exist", [](Program& p) { p.offers[0].day_mask = 0xff; });
  refused("a cooldown of a thousand years", [](Program& p) { p.offers[0].cooldown = 1000 * 365 * kDay; });
  refused("a holdout above one", [](Program& p) { p.offers[0].holdout = 1.5; });
  refused("an offer in no slot", [](Program& p) { p.offers[0].slot = ""; });
  refused("web settings that are not JSON", [](Program& p) { p.settings.web = "{oops"; });
  refused("a repeated series key", [](Program& p) { p.series.push_back(p.series[0]); });
}

TEST_CASE("program: rules as deep as compile_config allows are read, one level more is refused") {
  // compile_config takes a rule 32 levels below its root (33 nodes deep), not 33 below.
  const auto nested = [](int nots) {
    std::string rule = R"({"count":"view_item"})";
    for (int i = 0; i < nots; ++i) rule = R"({"not":)" + rule + "}";
    return R"({"version":1,"segments":[{"id":"deep","rule":)" + rule + "}]}";
  };
  CHECK_FALSE(compile_config(nested(33)).program);
  const auto deepest = compiled(nested(32));
  check_round_trip(*deepest, "32 nots");
  journey(deepest);
  // One more level, by hand: a not around the root.
  Program deeper = *deepest;
  Node wrap = deeper.nodes.back();
  wrap.first = static_cast<int>(deeper.children.size());
  deeper.children.push_back(deeper.segments[0].root);
  deeper.segments[0].root = static_cast<int>(deeper.nodes.size());
  deeper.nodes.push_back(wrap);
  const ProgramRead read = read_program(write_program(deeper));
  CHECK(read.code == "program_corrupt");
  CHECK(read.message.find("deeper") != std::string::npos);
}

TEST_CASE("program: a small program whose derived texts would fill gigabytes is refused") {
  // By hand, since the writer would spell the texts out to compare them: one series filtered on
  // 200 values of 200 bytes, and 3000 counts of it under 12 segments. Each count's subject repeats
  // the filter's 40 KB: 120 MB from a body of 50 KB.
  std::string body = empty_settings();
  uleb(body, 1);  // series
  uleb(body, 1);
  body += "t";
  uleb(body, 1);  // where: one field
  uleb(body, 1);
  body += "f";
  uleb(body, 8 | 1u << 10);  // in, with texts
  uleb(body, 200);
  for (int i = 0; i < 200; ++i) {
    uleb(body, 200);
    body += std::string(200, static_cast<char>('a' + i % 26));
  }
  uleb(body, 0);  // sum_field
  uleb(body, 0);  // key: derived
  uleb(body, 0);  // value sets
  uleb(body, 0);  // steps
  uleb(body, 0);  // cart filters
  constexpr int kGroups = 12, kCounts = 250;
  uleb(body, kGroups * (kCounts + 1));
  for (int g = 0; g < kGroups; ++g) {
    for (int k = 0; k < kCounts; ++k) {
      uleb(body, 3 | (1u | 4u) << 4);  // count: feature, comparison
      uleb(body, 0);                    // series 0
      uleb(body, 1 | 1u << 7);          // >= a
      uleb(body, 4);                    // a = 1
    }
    uleb(body, 0 | 8u << 4);  // all: children
    uleb(body, static_cast<std::uint64_t>(g * kCounts));
    uleb(body, kCounts);
  }
  uleb(body, kGroups * kCounts);  // children
  for (int g = 0; g < kGroups; ++g)
    for (int k = 0; k < kCounts; ++k) uleb(body, static_cast<std::uint64_t>(g * (kCounts + 1) + k));
  uleb(body, kGroups);  // segments
  for (int g = 0; g < kGroups; ++g) {
    const std::string id = "s" + std::to_string(g);
    uleb(body, id.size());
    body += id;
    body += std::string(2, '\0');  // name, priority
    uleb(body, 0);                 // not scored
    uleb(body, static_cast<std::uint64_t>(g * (kCounts + 1) + kCounts + 1));
    uleb(body, 0);  // signals
    uleb(body, 4);  // enter 1
    uleb(body, 4);  // exit 1
    uleb(body, 0);  // path: derived
  }
  uleb(body, kGroups);
  for (int g = 0; g < kGroups; ++g) uleb(body, static_cast<std::uint64_t>(g));
  uleb(body, 0);  // offers
  const ProgramRead read = read_program(with_header(body));
  CHECK(read.code == "program_corrupt");
  CHECK(read.message.find("more text") != std::string::npos);
  CHECK(body.size() < 64 * 1024);
}
