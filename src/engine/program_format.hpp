// The byte layout of a compiled program, shared by the toolkit's writer and the runtime's reader
// (program_reader.hpp has the API and the error codes). Nothing here reads or writes bytes: only
// the numbers and small rules both sides must agree on.
//
//   header (20 bytes, fixed little-endian):
//     "SSEG"                 4 bytes, the magic
//     format version         u32   (kProgramFormatVersion)
//     checksum of the body   u64   (program_checksum: FNV-1a 64 of the body bytes)
//     body length            u32   (the body follows at once; nothing may follow it)
//   body, in this order:
//     settings       span session_timeout, span state_ttl, num control_group, text salt,
//                    text web (the configuration's "web" object as JSON text, or empty),
//                    text currency (ISO 4217, or empty)
//     series         list<text type, where, text sum_field, dtext key>
//     value_sets     list<text type, where, text field, dtext key>
//     steps          list<text type, where, dtext key>
//     cart_filters   list<where>         (the filters of cart conditions; since format 3)
//     nodes          list<node>          (children before their parents, as compile_config emits)
//     children       list<uint>
//     segments       list<segment>
//     segment_order  list<uint>
//     offers         list<offer>
//   where       = list<text field, comparison>
//   comparison  = uint shape (the `shape` bits), then only the parts the shape marks present:
//                 num a, num b, text text, list<text> texts, list<num> numbers
//   node        = uint head: kind in the low 4 bits (Cart, the last, is 15: the bits are full), NodeField bits above, then the fields the
//                 bits mark, in this order: uint feature, window (uint kind, span span, span ago),
//                 comparison, uint first + uint count (children), uint feature2, uint segment,
//                 list<uint> steps, text name, text path, text subject
//   segment     = text id, text name (no description: that is for owners, in the configuration), sint priority, uint scored (0/1),
//                 uint root+1 (0: none), list<num weight, text label, uint root+1> signals,
//                 num enter, num exit, dtext path
//   offer       = text id, uint slot (an earlier offer's slot index, or the next index followed
//                 by text name: slots are numbered in order of first appearance), list<uint>
//                 segments, uint rule+1, sint priority, text title, body, cta, link, image,
//                 sint cap_session, cap_day, cap_week, span cooldown, suppress_dismissed,
//                 suppress_converted, uint day_mask, uint hour_from, uint hour_to, span from,
//                 span until, num holdout, uint flags (kOfferPaused), dtext path
//   uint = unsigned LEB128; sint = zigzag LEB128; text = uint length + UTF-8 bytes;
//   list<x> = uint count + that many x;
//   dtext = uint 0 when the text is what program_derived.hpp / rule_text.hpp derive (feature
//           keys, pointers, subjects: compile_config's own derivations, so a compiled program
//           carries none of them), else uint length+1 and the bytes;
//   num = a double: whole numbers as integers, short decimals (0.05) as integer / 10^places,
//         anything else as its IEEE-754 bits little-endian (the tags are below);
//   span = a duration or a date in milliseconds, as a count of its largest whole unit (7d: one
//          byte; a date: three).
// Derived lookups (by_type, segment_index, offer_index, slot_offers, OfferDef::slot_index) are
// not stored: the reader rebuilds them as compile_config builds them.
#pragma once
#include <cmath>
#include <cstddef>
#include <cstdint>

#include "program.hpp"
#include "time_units.hpp"

namespace seg {
namespace program_format {

constexpr char kMagic[4] = {'S', 'S', 'E', 'G'};
constexpr std::size_t kHeaderBytes = 20;

// Which optional fields of a node follow its head (bit i of the head >> kKindBits). The three
// every event condition has come first, so such a node's head is one byte.
constexpr unsigned kKindBits = 4;
enum NodeField : unsigned {
  kFeature = 1u << 0,
  kWindow = 1u << 1,
  kComparison = 1u << 2,
  kChildren = 1u << 3,
  kFeature2 = 1u << 4,
  kSegment = 1u << 5,
  kSteps = 1u << 6,
  kName = 1u << 7,     // a name, when it is not derived_name()
  kPath = 1u << 8,     // a path, when it is not derived_path()
  kSubject = 1u << 9,  // a subject, when it is not derived_subject()
};
constexpr unsigned kNodeFieldBits = 10;

// An offer's flags.
constexpr unsigned kOfferPaused = 1u << 0;  // the owner paused it: never shown
constexpr unsigned kOfferFlags = kOfferPaused;

// A comparison's shape: op in the low 4 bits, operand in the next 2, then flags.
namespace shape {
constexpr unsigned kOpBits = 4;
constexpr unsigned kOperandShift = 4;
constexpr unsigned kOperandBits = 2;
constexpr unsigned kFlag = 1u << 6;
constexpr unsigned kA = 1u << 7;
constexpr unsigned kB = 1u << 8;
constexpr unsigned kText = 1u << 9;
constexpr unsigned kTexts = 1u << 10;
constexpr unsigned kNumbers = 1u << 11;
constexpr unsigned kAll = (1u << 12) - 1;
}  // namespace shape

// `num`: the low bits of its tag say how the number is written.
constexpr std::uint64_t kNumberIsBits = 1;  // the tag alone: the IEEE-754 bits follow
constexpr std::uint64_t kDecimalMark = 3;   // tag & 3: m / 10^places, m = zigzag(tag >> 4), places = 1 + (tag >> 2 & 3)
constexpr double kPow10[] = {1, 10, 100, 1000, 10000};
constexpr unsigned kMaxPlaces = 4;
// Whole numbers and decimal mantissas up to this magnitude are written as integers (every such
// integer is exactly a double).
constexpr double kLargestWholeNumber = 9007199254740992.0;  // 2^53
// The one way both sides compute a decimal, so a number reads back with the same bits.
inline double decimal_value(std::int64_t mantissa, unsigned places) { return static_cast<double>(mantissa) / kPow10[places]; }

// `span` (durations and dates): tag = n << 3 | unit, the value n * kSpanUnits[unit]; the unit
// kSpanIsRaw means a sint of milliseconds follows (negative or huge values).
constexpr Millis kSpanUnits[] = {1, kSecond, kMinute, kHour, kDay, kWeek};
constexpr unsigned kSpanUnitCount = 6;
constexpr unsigned kSpanIsRaw = 7;

// What the reader accepts: the bounds compile_config itself enforces (the writer checks at
// compile time that the toolkit's limits fit inside these), so a program that passes the
// reader is one the engine was built and tested for.
constexpr int kMaxRuleLevels = 33;        // rules nest 32 levels below their root
constexpr std::size_t kMaxListed = 256;   // children of all/any, signals, listed values, an offer's segments
constexpr std::size_t kMaxWhere = 32;     // fields one `where` filters on
constexpr std::size_t kMaxSequenceSteps = 16;
constexpr std::size_t kMaxSegments = 1000;
constexpr std::size_t kMaxOffers = 1000;
constexpr std::size_t kMaxIdBytes = 64;
constexpr int kMaxPriority = 1000000;
constexpr int kMaxCap = 1000;
constexpr Millis kMaxDuration = 3660 * kDay;                  // "10 years", as parse_duration reads it
constexpr Millis kLatestDate = 253402300799000LL + kDay;      // the end of 9999-12-31, as parse_date gives it
// Derived texts repeat what they derive from (a filter's words in each node that counts it, a
// parent's pointer in each child's), so a small hostile program could ask for gigabytes of them.
// The reader stops at this many bytes: far above what compile_config makes of any configuration
// it accepts (at most 4 MB, whose own pointers and subjects stay under about 16 times that).
constexpr std::size_t kDerivedTextFloor = std::size_t{16} << 20;
constexpr std::size_t kDerivedTextPerBodyByte = 64;

// A comparison with nothing set (the nodes that take none: all, any, not, sequence, segment).
inline bool is_default(const Comparison& c) {
  const Comparison none;
  return c.op == none.op && c.operand == none.operand && c.a == 0 && !std::signbit(c.a) && c.b == 0 &&
         !std::signbit(c.b) && !c.flag && c.text.empty() && c.texts.empty() && c.numbers.empty();
}

// The NodeField bits of the fields a node holds (those that differ from a default Node's), with
// kName for any name and neither kPath nor kSubject: what the reader checks against the fields
// the node's kind may have. (The writer sets kName, kPath and kSubject by what it must write.)
inline unsigned present_fields(const Node& n) {
  const Window none;
  unsigned fields = 0;
  if (n.feature != -1) fields |= kFeature;
  if (n.window.kind != none.kind || n.window.span != none.span || n.window.ago != none.ago) fields |= kWindow;
  if (!is_default(n.cmp)) fields |= kComparison;
  if (n.first != 0 || n.count != 0) fields |= kChildren;
  if (n.feature2 != -1) fields |= kFeature2;
  if (n.segment != -1) fields |= kSegment;
  if (!n.steps.empty()) fields |= kSteps;
  if (!n.name.empty()) fields |= kName;
  return fields;
}

}  // namespace program_format
}  // namespace seg
