// Replays a log of events: the CLI's replay and explain and the studio's log replay (toolkit
// module) all run it. Every visitor runs the same compiled Program.
//
// Memory is bounded: at most `max_live` visitors are held at once (an engine each, about 10 KB).
// When one more arrives, the visitor whose last line is the oldest is finished: evaluated (at
// `now`, or else at its latest line), its result given to the sink and counted in the summary, and
// its engine reused for the newcomer. A finished visitor's id is kept only as a 64-bit hash (16
// bytes a visitor); a later line for it is a bad row ("visitor_finished"), never a silent second
// result. A log grouped by visitor, or ordered by time with visitors who pause less than the
// others' traffic between, never meets that; raise max_live for anything else.
#pragma once
#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "shopper_segments/engine.hpp"
#include "toolkit/event_line.hpp"
#include "toolkit/log_rows.hpp"

namespace seg {

constexpr std::size_t kDefaultMaxLiveVisitors = 10000;

// Ids of finished visitors, as 64-bit hashes in an open-addressing table.
class FinishedVisitors {
 public:
  void insert(std::string_view id);
  bool contains(std::string_view id) const;
  std::size_t size() const { return count_; }

 private:
  static std::uint64_t hash(std::string_view id);
  std::vector<std::uint64_t> slots_;  // 0: empty (a hash of 0 is stored as 1)
  std::size_t count_ = 0;
};

class Replay {
 public:
  struct Options {
    std::optional<Millis> now;  // evaluate every visitor at this time (later lines are left out), else at its present
    std::size_t max_live = kDefaultMaxLiveVisitors;
    // Also count, for every rule node (segments, signals, offers' own rules), the visitors for
    // whom it holds: the studio shows them beside each node. About one more evaluation a visitor.
    bool count_nodes = false;
  };
  explicit Replay(std::shared_ptr<const Program> program) : Replay(std::move(program), Options()) {}
  Replay(std::shared_ptr<const Program> program, Options options);

  // One JSON line per finished visitor (no newline), in the order they finish (first appearance
  // unless the limit was reached):
  //   {"visitor":"v1","segments":["id",...],"offers":{"slot":"offer_id" or null}}
  void set_result_sink(std::function<void(const std::string&)> sink) { sink_ = std::move(sink); }
  // Options::count_nodes, before the first line.
  void count_nodes(bool on) { options_.count_nodes = on; }

  // Feeds one parsed line to its visitor's engine; false with `error` when it cannot be used.
  bool apply(const EventLine& line, RowError& error);

  // Reads every line of `text` with `reader` and reports each bad row as
  // {"line":N,"code":...,"message":...} in the JSON array it returns (at most `max_reported`);
  // line numbers go on from the previous call, so a log can come in chunks of whole lines.
  std::string apply_lines(std::string_view text, RowReader& reader, std::size_t max_reported = 100);
  std::string apply_lines(std::string_view text, std::size_t max_reported = 100);  // JSON Lines
  // The log ended: what `reader` still holds (a CSV row left open) is used or reported, as above.
  std::string end_of_log(RowReader& reader);

  // Finishes every visitor still held, in order of first appearance.
  void finish_all();

  // Counts over every visitor so far (finished ones as they finished, held ones evaluated now,
  // without finishing them), for segment sizes and offer shares:
  //   {"visitors":N,"events":E,"rows":R,"skipped":S,"bad":B,"after_now":A (lines dated after
  //    options.now, left out),"segments":[{"id","name","members"}...],
  //    "slots":[{"slot","offers":[{"offer":id or null,"visitors":n}...]}...]
  //    (count_nodes:) ,"nodes":[{"path":JSON Pointer of the rule in the configuration,"visitors":n}...]}
  // segments in the program's order, slots and offers in order of first appearance, nodes in the
  // program's order.
  std::string summary_json();

  std::uint64_t events() const { return events_; }
  std::size_t live_visitors() const { return index_.size(); }
  std::size_t peak_live_visitors() const { return peak_live_; }
  std::size_t visitor_count() const { return index_.size() + finished_.size(); }
  // The engine of a visitor still held and its present (the time its result is evaluated at); null otherwise.
  Engine* find(std::string_view visitor_id, Millis* latest = nullptr);

 private:
  struct Held {
    Engine engine;
    Millis latest = 0;  // the visitor's present: its results are evaluated at it (follow_clock)
    Millis newest = 0;  // the newest time of its lines
    std::uint64_t arrival = 0;  // order of first appearance
    std::list<std::size_t>::iterator recency;
  };
  // Sums of finished visitors' results.
  struct Tally {
    std::size_t visitors = 0;
    std::vector<std::size_t> members;
    std::vector<std::string> slots;
    std::vector<std::vector<std::pair<std::string, std::size_t>>> offers;  // per slot: offer ("" none), visitors
    std::vector<std::size_t> node_holds;  // count_nodes: per rule node, visitors for whom it holds
    void add(const std::vector<SegmentResult>& segments, const std::vector<Decision>& decisions);
  };

  Held* visitor(const std::string& id, Millis ts, RowError& error);
  void finish(std::size_t slot);
  void result(Held& held, Tally& tally, bool to_sink);
  static void append_bad(std::string& bad, std::uint64_t line, const RowError& error);

  std::shared_ptr<const Program> program_;
  Options options_;
  std::function<void(const std::string&)> sink_;
  std::vector<Held> held_;                              // slots; engines are reused
  std::vector<std::size_t> free_;                       // slots of finished visitors
  std::unordered_map<std::string, std::size_t> index_;  // id -> slot, visitors held
  std::list<std::size_t> recency_;                      // slots, most recent line first
  FinishedVisitors finished_;
  Tally tally_;
  std::size_t last_ = SIZE_MAX;  // logs come in runs of one visitor: check the last one before hashing
  std::uint64_t arrivals_ = 0;
  std::size_t peak_live_ = 0;
  std::uint64_t events_ = 0, rows_ = 0, skipped_ = 0, bad_ = 0, after_now_ = 0;
  std::uint64_t lines_ = 0;
  std::vector<SegmentResult> segments_scratch_;
};

// The output line of one visitor (no trailing newline).
std::string result_line(const std::string& visitor, const std::vector<SegmentResult>& segments,
                        const std::vector<Decision>& decisions);
std::string result_line(const std::string& visitor, Engine& engine, Millis now);

}  // namespace seg
