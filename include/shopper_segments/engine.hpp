// The engine's public face. Pure: no I/O, no clock, no Emscripten. Time is always an argument.
//
//   Program  = a validated, compiled configuration (immutable, shareable between visitors)
//   Visitor  = one visitor's bounded state (profile, traits, context, offer history)
//   Engine   = a Program plus one Visitor: the API that the CLI, the bindings and the tests use.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "event.hpp"
#include "issue.hpp"
#include "segment_state.hpp"
#include "value.hpp"

namespace seg {

class Program;
class Visitor;
class Evaluator;
class Json;

struct SegmentResult {
  std::string id;
  bool member = false;
  double score = 0;      // rule segments: 1 or 0; scored segments: sum of held signal weights
  double enter = 1;      // threshold to enter (rule segments: 1)
  double exit = 1;       // threshold to stay (rule segments: 1)
  int priority = 0;
};

struct Skipped {
  std::string offer;
  std::string reason;
};

// What became of one offer of the slot that did not show (docs/RULES.md "Decisions").
struct Fate {
  std::string offer;
  std::string reason;   // a blocking reason, "outranked", "not_in_segment", "rule_not_met", "paused", "control_group"
  std::string by;       // outranked: the offer that showed instead
  std::string because;  // outranked: what ranked the winner higher ("priority", "segment_priority", "score", "order")
  std::string segment;  // the segment that made this offer a candidate (empty for fallbacks and non-candidates)
};

struct Decision {
  std::string slot;
  std::string offer;    // empty: none
  std::string reason;   // "matched" or a code from docs/RULES.md "Decisions"
  std::string segment;  // the segment that made the winner a candidate (may be empty for fallbacks)
  double score = 0;
  std::vector<Skipped> skipped;  // the candidates ranked above the winner that a limit blocked
  std::vector<Fate> fates;       // every offer of the slot but the winner: candidates in rank order, then the rest
};

// Why a slot shows what it shows (docs/RULES.md "Decisions"); reason_name() gives the code.
enum class Reason : std::uint8_t {
  Matched, NoMatch, ControlGroup, OutOfSchedule, HeldOut, CappedSession, CappedDay, CappedWeek,
  SuppressedConverted, SuppressedDismissed, CoolingDown,
  // Fates only (never a slot's reason): why an offer that did not show was not the one.
  Paused, Outranked, NotInSegment, RuleNotMet,
};
constexpr int kReasonCount = 15;
const char* reason_name(Reason reason);
// A limit that blocked a candidate (out_of_schedule .. cooling_down): the decision's `skipped`.
constexpr bool is_blocking(Reason reason) { return reason >= Reason::OutOfSchedule && reason <= Reason::CoolingDown; }
// Why a candidate ranked above another (docs/RULES.md "Decisions": offer priority, then the
// matching segment's priority, then the score, then the configuration's order).
enum class RankedOn : std::uint8_t { None, Priority, SegmentPriority, Score, Order };
const char* ranked_on_name(RankedOn on);

// A decision as indices into the program (Program::slots, offers, segments), without one string:
// what crosses the WASM boundary and what the engine reuses between calls.
struct SlotChoice {
  int slot = 0;
  int offer = -1;    // -1: none
  int segment = -1;  // -1: none (fallbacks, pure-rule offers)
  Reason reason = Reason::NoMatch;
  double score = 0;
  std::uint32_t fates_begin = 0, fates_end = 0;      // range of Choices::fates
  std::uint32_t skipped = 0;  // the first fates: candidates ranked above the winner that a limit blocked
};
// An offer of the slot, before limits are checked (decide_offers's working list).
struct OfferCandidate {
  int offer = 0;
  int segment = -1;
  int segment_priority = 0;
  double score = 0;
  Reason excluded = Reason::Matched;  // Matched: a candidate; else why not (paused, not_in_segment, rule_not_met)
};
// What became of an offer that did not show. What ranked the winner higher (RankedOn) is not kept:
// the names (name_choices) work it out from the priorities and scores, off the runtime's path.
struct FateChoice {
  int offer = 0;
  int by = -1;       // Outranked: the winner
  int segment = -1;  // the segment that made it a candidate
  Reason reason = Reason::Matched;
};

struct Choices {
  std::vector<SlotChoice> slots;
  std::vector<FateChoice> fates;           // every offer but the winner, per slot (SlotChoice::fates_*)
  std::vector<OfferCandidate> candidates;  // scratch of decide_offers, kept to reuse its memory
};

// Issues as a JSON array of {code, path, message}: how they cross to JavaScript and the CLI.
std::string issues_json(const Issues& issues);

enum class Outcome { Shown, Dismissed, Converted };
bool parse_outcome(std::string_view text, Outcome& out);

struct Lookups;

class Engine {
 public:
  Engine();  // starts with an empty program (no segments, no offers) until use_program()
  explicit Engine(std::shared_ptr<const Program> program);  // shares a compiled config (replay)
  ~Engine();
  Engine(Engine&&) noexcept;
  Engine& operator=(Engine&&) noexcept;

  // Replace the program (a compiled configuration: the toolkit's compile_config(), or
  // read_program() of its bytes). The visitor's state stays and is bound to the new program.
  void use_program(std::shared_ptr<const Program> program);
  // The same from a program file's bytes, read and verified (engine/program_reader.hpp): no issue
  // when it is in force; else one issue (program_truncated, program_version, ...) and the
  // program in force stays.
  Issues use_program_bytes(std::string_view bytes);
  // Use the configuration `other` runs (compiled once, shared: programs are immutable).
  void use_program_of(const Engine& other);
  const Program& program() const { return active(); }
  std::shared_ptr<const Program> shared_program() const {
    active();
    return program_;
  }

  void set_visitor_id(std::string id);
  const std::string& visitor_id() const;
  void set_trait(std::string key, Value value);
  void set_context(std::string key, Value value);
  // Traits or context from a flat JSON object (values string, number, boolean, list of strings;
  // null unsets); the issues, none when every value was taken.
  Issues set_traits_json(std::string_view json);
  Issues set_context_json(std::string_view json);

  void track(const Event& event, Millis now);
  // An event as the page packs it (docs/BINDINGS.md "Packed events"): its type and its fields.
  void track_packed(std::string_view type, std::string_view packed_fields, Millis now);
  std::vector<SegmentResult> segments(Millis now);
  std::vector<Decision> decide(Millis now);
  // Both from one evaluation (the CLI's per-visitor result line; half the work of calling both).
  std::vector<Decision> decide(Millis now, std::vector<SegmentResult>& segments_out);
  // The same decision as indices into program(); the reference is valid until the next call.
  const Choices& choose(Millis now);
  // Membership and score of every segment in program order; valid until the next call.
  // The evaluation behind choose() and segment_states() is reused while nothing about the
  // visitor or the program changed and the time is before the evaluation's valid_until (the
  // first moment a window edge, threshold, session end, cap or cooldown could change an answer);
  // a page asking again between events gets the same answer without evaluating again.
  const std::vector<SegmentState>& segment_states(Millis now);
  // Off: every call evaluates (tests compare both ways; benchmarks measure a full evaluation).
  void reuse_evaluations(bool on) { reuse_ = on; }
  std::uint64_t evaluations() const { return evaluations_; }  // how many were made
  // Frees what is kept between calls only to save work (the last evaluation, names resolved
  // for it); the next call rebuilds it. For holders of many engines (replay's visitors).
  void trim();
  bool record(std::string_view offer_id, Outcome outcome, Millis now);  // false: unknown offer

  // An explanation of item `index` (a segment or an offer) from an evaluation of its own, written by
  // `explain` (the owner toolkit's explain_segment / explain_offer: the runtime has no explainer).
  std::string explained(Json (*explain)(Evaluator&, int), int index, Millis now);

  // What a page needs of the program in force, once per program, as JSON: the names behind
  // choose()'s indices (slots, offers, segments, reasons), each offer's content and whether it
  // has a rule of its own, the context keys the rules read, and the configuration's "web" object.
  std::string page_json() const;
  // The visitor's numbers an offer's text quotes ({cart_value}, {amount_left:50}, ...), as a JSON
  // object from placeholder (without braces) to number; "{}" for an unknown offer or none.
  std::string offer_numbers(std::string_view offer_id) const;
  // The same numbers for the offer at `offer_index` in program order, in the order of page_json()'s
  // "quotes" for it (the page formats them; it never computes them); none for an unknown offer.
  void offer_numbers(std::size_t offer_index, std::vector<double>& out) const;
  double cart_value() const;     // docs/RULES.md "The cart"
  double cart_quantity() const;

  std::string save(Millis now) const;  // versioned JSON; bounded in size
  Issues load(std::string_view state_json, Millis now);  // on issues the state is left empty
  void forget();                                        // wipe everything about the visitor

  // Mutable access counts as a change (the shared evaluation is redone).
  Visitor& visitor() {
    changed();
    return *visitor_;
  }
  const Visitor& visitor() const { return *visitor_; }

 private:
  // The program in force; an empty one until use_program().
  const Program& active() const;
  mutable std::shared_ptr<const Program> program_;
  std::unique_ptr<Visitor> visitor_;
  // The last evaluation, reused while nothing changed and the time is in [evaluated_at_, valid_until_).
  void evaluate(Millis now);
  Choices choices_;
  std::vector<SegmentState> states_;
  std::uint64_t version_ = 1;        // bumped by every change to the visitor or the program
  // Bumped with version_ by every change except an event, which cannot touch what Lookups holds
  // (traits, context, offer histories, the visitor id, the program): lookups_ stays resolved from
  // one such change to the next, so evaluations that follow events look nothing up by name.
  std::uint64_t values_version_ = 1;
  void changed() {
    ++version_;
    ++values_version_;
  }
  std::unique_ptr<Lookups> lookups_;
  std::uint64_t lookups_version_ = 0;
  const Program* lookups_program_ = nullptr;
  const Lookups& lookups(const Program& program);
  std::uint64_t evaluated_version_ = 0;
  Millis evaluated_at_ = 0;
  Millis valid_until_ = 0;
  bool reuse_ = true;
  std::uint64_t evaluations_ = 0;
  Event packed_;  // track_packed decodes into it again and again: no allocation once it has grown
};

}  // namespace seg
