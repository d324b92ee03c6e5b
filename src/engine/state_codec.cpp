#include "state_codec.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

#include "json_syntax.hpp"
#include "small_sort.hpp"

namespace seg {
namespace {

using json = Json;

const char* kFormat = "shopper-segments-state";
const char kLevelKeys[4][2] = {"m", "h", "d", "w"};

// The keys of the current program's features, to tell stale data from live.
struct KeySet {
  std::vector<std::string> keys;
  void seal() { std::sort(keys.begin(), keys.end()); }
  bool has(const std::string& key) const { return std::binary_search(keys.begin(), keys.end(), key); }
};

std::string hex_of(std::uint64_t v) {
  static const char digits[] = "0123456789abcdef";
  std::string out;
  do {
    out.insert(out.begin(), digits[v & 15]);
    v >>= 4;
  } while (v);
  return out;
}

bool parse_hex(const std::string& text, std::uint64_t& out) {
  if (text.empty() || text.size() > 16) return false;
  out = 0;
  for (char c : text) {
    out <<= 4;
    if (c >= '0' && c <= '9') out |= static_cast<std::uint64_t>(c - '0');
    else if (c >= 'a' && c <= 'f') out |= static_cast<std::uint64_t>(c - 'a' + 10);
    else return false;
  }
  return true;
}

bool json_to_value(const json& j, Value& out) {
  if (j.is_number()) {
    const double d = j.number();
    if (!std::isfinite(d)) return false;
    out = Value::of(d);
  } else if (j.is_string()) {
    out = Value::of(std::string(utf8_prefix(j.string(), kMaxStringBytes)));
  } else if (j.is_boolean()) {
    out = Value::of_bool(j.boolean());
  } else if (j.is_array()) {
    std::vector<std::string> list;
    for (const auto& e : j) {
      if (!e.is_string()) return false;
      if (list.size() < 64) list.emplace_back(utf8_prefix(e.string(), kMaxStringBytes));
    }
    out = Value::of(std::move(list));
  } else if (j.is_null()) {
    out = Value();
  } else {
    return false;
  }
  return true;
}

// Lines a cart keeps when even its fields shed leave the state over the budget (32 lines of 256-byte
// ids, escaped, pass it alone).
constexpr std::size_t kCartLinesKept = 4;

struct Shedding {
  bool stale = false, weeks = false, sets = false, days = false, hours = false, minutes = false, steps = false;
  // The cart last: its lines' text fields (only `where` filters on lines read them), then every
  // line past kCartLinesKept, folded into the extras so that value and quantity stay exact.
  bool cart_fields = false, cart_lines = false;
  bool drops(int level) const {
    return (level == 3 && weeks) || (level == 2 && days) || (level == 1 && hours) || (level == 0 && minutes);
  }
};

// Writes the saved state straight as JSON text, with object keys in sorted order (the order
// Json::dump gives): a document tree first cost more than the rest of saving.
class StateWriter {
 public:
  std::string text;

  void begin(char bracket) {
    next();
    text += bracket;
    first_ = true;
  }
  void end(char bracket) {
    text += bracket;
    first_ = false;
  }
  void key(std::string_view name) {
    next();
    append_quoted(text, name);
    text += ':';
    first_ = true;
  }
  void number(double value) {
    next();
    append_number(text, value);
  }
  void string(std::string_view value) {
    next();
    append_quoted(text, value);
  }
  void value(const Value& v) {
    switch (v.kind) {
      case Value::Kind::Number: number(v.number); return;
      case Value::Kind::String: string(v.string); return;
      case Value::Kind::Bool: next(); text += v.boolean ? "true" : "false"; return;
      case Value::Kind::List: strings(v.list); return;
      case Value::Kind::None: break;
    }
    next();
    text += "null";
  }
  void strings(const std::vector<std::string>& list) {
    begin('[');
    for (const auto& item : list) string(item);
    end(']');
  }

 private:
  // A comma before every member or item but the first of its container.
  void next() {
    if (!first_) text += ',';
    first_ = false;
  }
  bool first_ = true;
};

// Indices of `keys` in the keys' sorted order.
std::vector<std::size_t> sorted_order(const std::vector<std::string>& keys) {
  std::vector<std::size_t> order(keys.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return keys[a] < keys[b]; });
  return order;
}

// Buckets of one level as [first index, count, gap, count, gap, count, ...] (+ sums alike), the
// levels in key order: d, ds, h, hs, m, ms, w, ws.
void write_buckets(StateWriter& w, const SeriesData& s, bool with_sums, const Shedding& shed) {
  w.begin('{');
  for (int level : {2, 1, 0, 3}) {
    if (shed.drops(level)) continue;
    if (std::none_of(s.buckets.begin(), s.buckets.end(), [&](const Bucket& b) { return static_cast<int>(b.level) == level; })) continue;
    const Millis length = level_length(static_cast<Level>(level));
    w.key(kLevelKeys[level]);
    w.begin('[');
    long long previous = 0;
    bool first = true;
    for (const Bucket& b : s.buckets) {
      if (static_cast<int>(b.level) != level) continue;
      const long long index = b.start / length;
      w.number(static_cast<double>(first ? index : index - previous));
      w.number(b.count);
      previous = index;
      first = false;
    }
    w.end(']');
    if (!with_sums) continue;
    w.key(std::string(kLevelKeys[level]) + "s");
    w.begin('[');
    for (const Bucket& b : s.buckets)
      if (static_cast<int>(b.level) == level) w.number(b.sum);
    w.end(']');
  }
  w.end('}');
}

// Series are written compacted as of `compact_at`, each from a copy of its own buckets (the
// visitor itself is not changed, and nothing else of it is copied).
std::string write_state(const Visitor& v, const Program& program, const KeySet& current_series, const KeySet& current_sets, Millis now,
                        Millis compact_at, const Shedding& shed) {
  const Profile& p = v.profile;
  StateWriter w;
  w.text.reserve(kStateBudget / 2);
  w.begin('{');
  if (!v.cart.empty()) {
    // {"l": [[item_id, quantity, price, [field, value, ...]], ...], "xq": n, "xv": n}
    w.key("cart");
    w.begin('{');
    w.key("l");
    w.begin('[');
    double extra_quantity = v.cart.extra_quantity, extra_value = v.cart.extra_value;
    for (std::size_t n = 0; n < v.cart.lines.size(); ++n) {
      const CartLine& line = v.cart.lines[n];
      if (shed.cart_lines && n >= kCartLinesKept) {
        extra_quantity += line.quantity();
        extra_value += line.quantity() * line.price();
        continue;
      }
      w.begin('[');
      w.string(line.item_id());
      w.number(line.quantity());
      w.number(line.price());
      w.begin('[');
      for (std::size_t i = 1; i < line.item.strings.size() && !shed.cart_fields; ++i) {
        w.string(line.item.strings[i].first);
        w.string(line.item.strings[i].second);
      }
      w.end(']');
      w.end(']');
    }
    w.end(']');
    w.key("xq");
    w.number(extra_quantity);
    w.key("xv");
    w.number(extra_value);
    w.end('}');
  }
  w.key("context");
  w.begin('{');
  for (const auto& [k, val] : v.context) {
    w.key(k);
    w.value(val);
  }
  w.end('}');
  w.key("format");
  w.string(kFormat);
  w.key("members");
  w.begin('[');
  for (const auto& [id, in] : v.members)
    if (in && (!shed.stale || program.segment_index.count(id))) w.string(id);
  w.end(']');
  w.key("offers");
  w.begin('{');
  for (const auto& [id, h] : v.offers) {
    if (shed.stale && !program.offer_index.count(id)) continue;
    w.key(id);
    w.begin('[');
    w.number(static_cast<double>(h.dismissed));
    w.number(static_cast<double>(h.converted));
    w.begin('[');
    for (Millis t : h.shown) w.number(static_cast<double>(t));
    w.end(']');
    w.end(']');
  }
  w.end('}');
  w.key("ring");
  w.begin('[');
  // Masks hold 64 bits, more than a JSON number keeps exactly: written as hex.
  for (const auto& hit : p.ring) {
    if (shed.steps) break;
    w.begin('[');
    w.string(hex_of(hit.mask));
    w.number(static_cast<double>(hit.ts));
    w.end(']');
  }
  w.end(']');
  w.key("saved");
  w.number(static_cast<double>(now));
  w.key("series");
  w.begin('{');
  for (std::size_t i : sorted_order(p.series_keys)) {
    if (!p.series[i].seen()) continue;
    if (shed.stale && !current_series.has(p.series_keys[i])) continue;
    SeriesData s = p.series[i];
    s.compact(compact_at);
    const bool with_sums = std::any_of(s.buckets.begin(), s.buckets.end(), [](const Bucket& b) { return b.sum != 0; }) || s.total_sum != 0;
    const bool this_session = s.session_no == p.session_no;
    w.key(p.series_keys[i]);
    w.begin('{');
    w.key("b");
    write_buckets(w, s, with_sums, shed);
    w.key("last");
    w.number(static_cast<double>(s.last));
    w.key("n");
    w.number(s.total_count);
    if (with_sums) {
      w.key("s");
      w.number(s.total_sum);
    }
    if (this_session) {
      w.key("sn");
      w.number(s.session_count);
      if (with_sums) {
        w.key("ss");
        w.number(s.session_sum);
      }
    }
    w.end('}');
  }
  w.end('}');
  // Before the first event the times are the lowest Millis, which JSON numbers cannot carry
  // exactly: a visitor who was only shown an offer is saved with 0 there and read back as new.
  const bool any_event = p.session_no > 0;
  w.key("session");
  w.begin('[');
  w.number(static_cast<double>(p.session_no));
  w.number(static_cast<double>(p.session_start));
  w.number(static_cast<double>(any_event ? p.last_event : 0));
  w.number(static_cast<double>(any_event ? p.latest : 0));
  w.end(']');
  w.key("sets");
  w.begin('{');
  for (std::size_t i : sorted_order(p.set_keys)) {
    if (p.sets[i].entries.empty()) continue;
    if (shed.stale && !current_sets.has(p.set_keys[i])) continue;
    std::vector<ValueEntry> entries = p.sets[i].entries;
    const std::size_t keep = shed.steps ? 4 : 16;
    if (shed.sets && entries.size() > keep) {
      std::sort(entries.begin(), entries.end(), [](const ValueEntry& a, const ValueEntry& b) { return a.last > b.last; });
      entries.resize(keep);
    }
    w.key(p.set_keys[i]);
    w.begin('[');
    for (const auto& e : entries) {
      w.begin('[');
      w.string(e.value);
      w.number(e.count);
      w.number(static_cast<double>(e.first));
      w.number(static_cast<double>(e.last));
      w.end(']');
    }
    w.end(']');
  }
  w.end('}');
  w.key("steps");
  w.strings(p.step_keys);
  w.key("traits");
  w.begin('{');
  for (const auto& [k, val] : v.traits) {
    w.key(k);
    w.value(val);
  }
  w.end('}');
  w.key("version");
  w.number(kStateVersion);
  w.key("visitor");
  w.string(v.id);
  w.end('}');
  return std::move(w.text);
}



// Typed readers for untrusted state: false on any mismatch.
bool read_int(const json& j, Millis& out) {
  if (!j.is_number()) return false;
  const double d = j.number();
  if (!std::isfinite(d) || std::fabs(d) > 9.0e15) return false;
  out = static_cast<Millis>(d);
  return true;
}
bool read_num(const json& j, double& out) {
  if (!j.is_number()) return false;
  out = j.number();
  return std::isfinite(out) && out >= 0;
}
bool read_sum(const json& j, double& out) {
  if (!j.is_number()) return false;
  out = j.number();
  return std::isfinite(out);
}

bool read_series(const json& e, SeriesData& s, std::int64_t session_no) {
  if (!e.is_object() || !e.contains("n") || !e.contains("last") || !e.contains("b")) return false;
  if (!read_num(e["n"], s.total_count) || !read_int(e["last"], s.last)) return false;
  if (e.contains("s") && !read_sum(e["s"], s.total_sum)) return false;
  if (e.contains("sn")) {
    if (!read_num(e["sn"], s.session_count)) return false;
    if (e.contains("ss") && !read_sum(e["ss"], s.session_sum)) return false;
    s.session_no = session_no;
  }
  const json& b = e["b"];
  if (!b.is_object()) return false;
  // Coarsest level first: older buckets are coarser, so the buckets arrive nearly in the order
  // the sort below wants (finest first, they came in reverse, and the insertion sort was
  // quadratic: 90 % of loading a 3,000-event state).
  for (int level = 3; level >= 0; --level) {
    if (!b.contains(kLevelKeys[level])) continue;
    const json& counts = b[kLevelKeys[level]];
    const std::string sums_key = std::string(kLevelKeys[level]) + "s";
    const json* sums = b.contains(sums_key) ? &b[sums_key] : nullptr;
    if (!counts.is_array() || counts.size() % 2 != 0 || counts.size() > 4096) return false;
    if (sums && (!sums->is_array() || sums->size() * 2 != counts.size())) return false;
    const Millis length = level_length(static_cast<Level>(level));
    Millis index = 0;
    for (std::size_t i = 0; i < counts.size(); i += 2) {
      Millis step = 0;
      Bucket bucket;
      if (!read_int(counts[i], step) || !read_num(counts[i + 1], bucket.count)) return false;
      if (i > 0 && step <= 0) return false;
      index = i == 0 ? step : index + step;
      if (std::llabs(index) > 9000000000000000LL / length) return false;
      bucket.level = static_cast<Level>(level);
      bucket.start = index * length;
      if (sums && !read_sum((*sums)[i / 2], bucket.sum)) return false;
      s.buckets.push_back(bucket);
    }
  }
  small_stable_sort(s.buckets, [](const Bucket& x, const Bucket& y) {
    return x.start != y.start ? x.start < y.start : x.level > y.level;
  });
  s.recount();
  return true;
}

// Values past the limits of put_value (a state written before they were bounded) are left out,
// not the whole state: a profile is never discarded for the size of its traits.
bool read_values_object(const json& j, std::map<std::string, Value>& into) {
  if (!j.is_object()) return false;
  for (const auto& [key, value] : j.members()) {
    Value v;
    if (!json_to_value(value, v)) return false;
    put_value(into, key, std::move(v));
  }
  return true;
}

bool read_cart(const json& j, Cart& cart) {
  if (!j.is_object() || !j.contains("l") || !j["l"].is_array() || j["l"].size() > kMaxCartLines) return false;
  if (!j.contains("xq") || !read_num(j["xq"], cart.extra_quantity) || !j.contains("xv") || !read_sum(j["xv"], cart.extra_value))
    return false;
  for (const auto& l : j["l"]) {
    double quantity = 0, price = 0;
    if (!l.is_array() || l.size() != 4 || !l[0].is_string() || !read_num(l[1], quantity) || !(quantity > 0) ||
        !read_num(l[2], price) || !l[3].is_array() || l[3].size() % 2 != 0 || l[3].size() > 2 * kMaxCartLineFields)
      return false;
    CartLine line(l[0].string().substr(0, kMaxStringBytes), price, quantity);
    for (std::size_t i = 0; i < l[3].size(); i += 2) {
      if (!l[3][i].is_string() || !l[3][i + 1].is_string() || l[3][i].string().size() + l[3][i + 1].string().size() > kMaxCartFieldBytes)
        return false;
      line.item.strings.emplace_back(l[3][i].string().substr(0, kMaxStringBytes), l[3][i + 1].string().substr(0, kMaxStringBytes));
    }
    cart.lines.push_back(std::move(line));
  }
  return true;
}

// A JSON Pointer to member `key` of the document root (RFC 6901: "~" and "/" escaped).
std::string member_pointer(const std::string& key) {
  std::string out = "/";
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

bool read_visitor(const json& j, Visitor& v) {
  Profile& p = v.profile;
  const json& session = j["session"];
  if (!session.is_array() || session.size() != 4) return false;
  Millis no = 0;
  if (!read_int(session[0], no) || no < 0 || !read_int(session[1], p.session_start) || !read_int(session[2], p.last_event) ||
      !read_int(session[3], p.latest))
    return false;
  p.session_no = no;
  if (no == 0) p.last_event = p.latest = std::numeric_limits<Millis>::min();
  if (!j["visitor"].is_string()) return false;
  v.id = std::string(utf8_prefix(j["visitor"].string(), kMaxStringBytes));
  const json& series = j["series"];
  if (!series.is_object() || series.size() > kMaxSeries) return false;
  for (const auto& [key, value] : series.members()) {
    const int slot = p.series_slot(key);
    if (slot < 0 || !read_series(value, p.series[static_cast<std::size_t>(slot)], p.session_no)) return false;
  }
  const json& sets = j["sets"];
  if (!sets.is_object() || sets.size() > kMaxValueSets) return false;
  for (const auto& [key, value] : sets.members()) {
    const int slot = p.set_slot(key);
    if (slot < 0 || !value.is_array() || value.size() > kValueSetCap) return false;
    for (const auto& e : value.items()) {
      ValueEntry entry;
      if (!e.is_array() || e.size() != 4 || !e[0].is_string() || !read_num(e[1], entry.count) || !read_int(e[2], entry.first) ||
          !read_int(e[3], entry.last))
        return false;
      entry.value = std::string(utf8_prefix(e[0].string(), kMaxStringBytes));
      entry.hash = std::hash<std::string>{}(entry.value);
      p.sets[static_cast<std::size_t>(slot)].entries.push_back(std::move(entry));
    }
  }
  const json& steps = j["steps"];
  if (!steps.is_array() || steps.size() > kMaxStepKeys) return false;
  for (const auto& s : steps) {
    if (!s.is_string()) return false;
    p.step_keys.push_back(s.string());
  }
  const json& ring = j["ring"];
  if (!ring.is_array() || ring.size() > kStepRingCap) return false;
  for (const auto& r : ring) {
    StepHit hit;
    if (!r.is_array() || r.size() != 2 || !r[0].is_string() || !parse_hex(r[0].string(), hit.mask) || !read_int(r[1], hit.ts))
      return false;
    p.ring.push_back(hit);
  }
  small_stable_sort(p.ring, [](const StepHit& a, const StepHit& b) { return a.ts < b.ts; });
  if (!read_values_object(j["traits"], v.traits) || !read_values_object(j["context"], v.context)) return false;
  // Offer histories and memberships gather across programs (ids of offers and segments since
  // removed): past kMaxOffersKept the rest are left out, never the whole state.
  const json& offers = j["offers"];
  if (!offers.is_object()) return false;
  for (const auto& [key, o] : offers.members()) {
    if (v.offers.size() >= kMaxOffersKept) break;
    OfferHistory h;
    if (!o.is_array() || o.size() != 3 || !read_int(o[0], h.dismissed) || !read_int(o[1], h.converted) || !o[2].is_array() ||
        o[2].size() > kShownKept)
      return false;
    for (const auto& t : o[2]) {
      Millis ts = 0;
      if (!read_int(t, ts)) return false;
      h.shown.push_back(ts);
    }
    std::sort(h.shown.begin(), h.shown.end());
    v.offers[key] = std::move(h);
  }
  if (j.contains("cart") && !read_cart(j["cart"], v.cart)) return false;  // none before version 2, none when empty
  const json& members = j["members"];
  if (!members.is_array()) return false;
  for (const auto& m : members) {
    if (!m.is_string()) return false;
    if (v.members.size() < kMaxOffersKept) v.members[m.string()] = true;
  }
  return true;
}

}  // namespace

std::string save_state(const Visitor& visitor, const Program& program, Millis now) {
  // Folded as of the profile's present; not as of a time far after it that no event confirmed
  // (kClockSlack): a wrong clock at saving must not fold or drop what the state holds.
  const Profile& p = visitor.profile;
  const Millis compact_at = p.session_no > 0 && now > p.latest + kClockSlack ? p.latest : std::max(now, p.latest);
  KeySet current_series, current_sets;
  for (const auto& s : program.series) current_series.keys.push_back(s.key);
  for (const auto& s : program.value_sets) current_sets.keys.push_back(s.key);
  current_series.seal();
  current_sets.seal();
  // Shed detail, least useful first, until the state fits its budget.
  // Past the days, hours and minutes go too, then the sequence steps and all but 4 values of each
  // set: windows lose what the visitor did, but traits, sessions, lifetime totals and offer
  // history stay. The loader takes a state over the budget (up to kStateLoadLimit), so no profile
  // is lost for its size; shedding keeps what is written near the budget. A cart over it (long item
  // ids and fields) sheds last: its lines' fields, then lines past the first few, whose value and
  // quantity move to the cart's extras.
  Shedding shed;
  std::string out = write_state(visitor, program, current_series, current_sets, now, compact_at, shed);
  for (int step = 0; out.size() > kStateBudget && step < 9; ++step) {
    if (step == 0) shed.stale = true;
    if (step == 1) shed.sets = true;
    if (step == 2) shed.weeks = true;
    if (step == 3) shed.days = true;
    if (step == 4) shed.hours = true;
    if (step == 5) shed.minutes = true;
    if (step == 6) shed.steps = true;
    if (step == 7) shed.cart_fields = true;
    if (step == 8) shed.cart_lines = true;
    out = write_state(visitor, program, current_series, current_sets, now, compact_at, shed);
  }
  return out;
}

Issues load_state(std::string_view text, const Program& program, Millis now, Visitor& out) {
  Issues issues;
  const std::string keep_id = out.id;
  out = Visitor();
  out.id = keep_id;
  if (text.size() > kStateLoadLimit) {
    issues.push_back(Issue{"state_too_large", "", "The saved state is larger than any state this engine writes; it was discarded."});
    return issues;
  }
  json j;
  Issues syntax;
  if (!parse_json(text, j, syntax)) {
    issues.push_back(Issue{"state_corrupt", "", "The saved state is not valid JSON; it was discarded."});
    return issues;
  }
  if (!j.is_object() || !j.contains("format") || !j["format"].is_string() || j["format"].string() != kFormat) {
    issues.push_back(Issue{"state_corrupt", "", "The saved state was not written by this engine; it was discarded."});
    return issues;
  }
  if (!j.contains("version") || !j["version"].is_integer() || j["version"].number() < kOldestStateVersion ||
      j["version"].number() > kStateVersion) {
    issues.push_back(Issue{"state_version", "/version", "The saved state has a version this engine does not read; it was discarded."});
    return issues;
  }
  Millis saved = 0;
  if (!j.contains("saved") || !read_int(j["saved"], saved)) {
    issues.push_back(Issue{"state_corrupt", "/saved", "The saved state has no time of saving; it was discarded."});
    return issues;
  }
  // Saved "in the future" (a clock that was wrong, kClockSlack): its age cannot be known, so it
  // counts as saved now and its later times are re-dated to now below; saved again, it then
  // expires like any other instead of never.
  const bool from_future = saved > now + kClockSlack;
  if (from_future) saved = now;
  if (now - saved > program.settings.state_ttl) {
    issues.push_back(Issue{"state_expired", "/saved", "The saved state is older than its time-to-live; it was discarded."});
    return issues;
  }
  for (const char* key : {"session", "visitor", "series", "sets", "steps", "ring", "traits", "context", "offers", "members"}) {
    if (!j.contains(key)) {
      issues.push_back(Issue{"state_corrupt", std::string("/") + key, std::string("The saved state lacks \"") + key + "\"; it was discarded."});
      return issues;
    }
  }
  Visitor loaded;
  if (!read_visitor(j, loaded)) {
    issues.push_back(Issue{"state_corrupt", "", "The saved state is damaged; it was discarded."});
    return issues;
  }
  if (from_future || loaded.newest_time() > now + kClockSlack) loaded.redate_after(now);
  if (!keep_id.empty()) loaded.id = keep_id;
  out = std::move(loaded);
  return issues;
}

Issues read_values(std::string_view json_text, std::map<std::string, Value>& into, const char* what) {
  Issues issues;
  json j;
  if (!parse_json(json_text, j, issues)) return issues;
  if (!j.is_object()) {
    issues.push_back(Issue{"type_mismatch", "", std::string(what) + " must be a JSON object."});
    return issues;
  }
  for (const auto& [key, value] : j.members()) {
    const std::string path = member_pointer(key);
    if (key.empty() || key.size() > kMaxStringBytes) {
      issues.push_back(Issue{"bad_value", path, "A name must be 1 to 256 characters."});
      continue;
    }
    Value v;
    if (!json_to_value(value, v)) {
      issues.push_back(Issue{"type_mismatch", path, std::string("A ") + what + " value is a string, number, true/false or a list of strings."});
      continue;
    }
    const PutValue put = put_value(into, key, std::move(v));
    if (put == PutValue::Full)
      issues.push_back(Issue{"too_large", path, std::string("At most 64 ") + what + " values are kept."});
    else if (put == PutValue::TooLarge)
      issues.push_back(Issue{"too_large", path, std::string("The ") + what + " values take at most 4096 bytes when saved; this one would pass that, so it was not set."});
  }
  return issues;
}

}  // namespace seg
