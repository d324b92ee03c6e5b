#include "evaluator.hpp"

#include <algorithm>
#include <limits>

namespace seg {

Evaluator::Evaluator(const Program& program, Visitor& visitor, Millis now, std::vector<SegmentState>& states,
                     const Lookups& lookups)
    : program_(program),
      visitor_(visitor),
      binding_(visitor.bind(program)),
      now_(now),
      session_active_(visitor.profile.session_active(now, program.settings.session_timeout)),
      states_(states),
      lookups_(lookups),
      valid_until_(std::numeric_limits<Millis>::max()) {
  states_.assign(program.segments.size(), SegmentState{});
  const Profile& p = visitor.profile;
  if (session_active_) limit(p.last_event + program.settings.session_timeout + 1);
  else if (p.session_no > 0 && now < p.session_start) limit(p.session_start);  // a clock set back
}

void Evaluator::limit_to_edge(Millis offset, Millis period) {
  // Buckets start and end on whole minutes (hours, days and weeks are whole minutes too), so a
  // window edge `now - offset` can only reach or pass a bucket boundary at such a time.
  Millis q = (now_ - offset) / period;
  if ((now_ - offset) % period < 0) --q;
  limit(offset + (q + 1) * period);
}

void Evaluator::series_window(int feature, const Window& w, double& count, double& sum) {
  count = 0;
  sum = 0;
  const int slot = binding_.series[static_cast<std::size_t>(feature)];
  if (slot < 0) return;
  const SeriesData& s = visitor_.profile.series[static_cast<std::size_t>(slot)];
  if (w.kind == Window::Kind::Session) {
    if (session_active_ && s.session_no == visitor_.profile.session_no) {
      count = s.session_count;
      sum = s.session_sum;
    }
    return;
  }
  if (w.kind == Window::Kind::Lifetime && w.ago == 0) {
    count = s.total_count;
    sum = s.total_sum;
    return;
  }
  const Millis to = now_ - w.ago;
  const Millis from = w.kind == Window::Kind::Span ? to - w.span : std::numeric_limits<Millis>::min();
  s.window(from, to, count, sum);
  limit_to_minute_edge(w.ago);
  if (w.kind == Window::Kind::Span) limit_to_minute_edge(w.ago + w.span);
}

NodeOutcome Evaluator::leaf(const Node& n) {
  NodeOutcome out;
  auto numeric = [&](double v) {
    out.has_value = true;
    out.value = v;
    out.held = n.cmp.test_number(v);
  };
  switch (n.kind) {
    case NodeKind::Count: {
      double count = 0, sum = 0;
      series_window(n.feature, n.window, count, sum);
      numeric(count);
      break;
    }
    case NodeKind::Sum: case NodeKind::Avg: {
      double count = 0, sum = 0;
      series_window(n.feature, n.window, count, sum);
      if (n.kind == NodeKind::Sum) numeric(sum);
      else if (count > 0) numeric(sum / count);
      break;
    }
    case NodeKind::Share: {
      double part = 0, whole = 0, unused = 0;
      series_window(n.feature, n.window, part, unused);
      series_window(n.feature2, n.window, whole, unused);
      if (whole > 0) numeric(part / whole);
      break;
    }
    case NodeKind::Trend: {
      double recent_n = 0, recent_s = 0, before_n = 0, before_s = 0;
      series_window(n.feature, n.window, recent_n, recent_s);
      Window previous = n.window;
      previous.ago = n.window.span;
      series_window(n.feature, previous, before_n, before_s);
      const bool sums = !n.name.empty();
      const double recent = sums ? recent_s : recent_n, before = sums ? before_s : before_n;
      if (before > 0) numeric((recent - before) / before);
      break;
    }
    case NodeKind::Since: {
      const int slot = binding_.series[static_cast<std::size_t>(n.feature)];
      if (slot >= 0) {
        const SeriesData& s = visitor_.profile.series[static_cast<std::size_t>(slot)];
        if (s.seen()) {
          numeric(static_cast<double>(std::max<Millis>(0, now_ - s.last)));
          limit_by_thresholds(n.cmp, s.last);
        }
      }
      break;
    }
    case NodeKind::CountPer: case NodeKind::Distinct: {
      const int slot = binding_.sets[static_cast<std::size_t>(n.feature)];
      double best = 0, distinct = 0;
      if (slot >= 0 && !(n.window.kind == Window::Kind::Session && !session_active_)) {
        const Millis to = now_ - n.window.ago;
        Millis from = std::numeric_limits<Millis>::min();
        if (n.window.kind == Window::Kind::Span) from = to - n.window.span;
        if (n.window.kind == Window::Kind::Session) from = visitor_.profile.session_start;
        // The earliest entry into the window (first + ago) and, for a span, the earliest exit
        // (last + ago + span + 1) after now, gathered here and handed to limit() once.
        const bool span = n.window.kind == Window::Kind::Span;
        Millis next = std::numeric_limits<Millis>::max();
        for (const auto& e : visitor_.profile.sets[static_cast<std::size_t>(slot)].entries) {
          if (e.first > to) {
            next = std::min(next, e.first + n.window.ago);
            continue;
          }
          if (e.last < from) continue;
          if (span) next = std::min(next, e.last + n.window.ago + n.window.span + 1);
          distinct += 1;
          best = std::max(best, e.count);
        }
        limit(next);
      }
      numeric(n.kind == NodeKind::Distinct ? distinct : best);
      break;
    }
    case NodeKind::Sequence: {
      if (n.window.kind == Window::Kind::Session && !session_active_) break;
      Millis from = std::numeric_limits<Millis>::min();
      const Millis to = now_ - n.window.ago;
      if (n.window.kind == Window::Kind::Session) from = visitor_.profile.session_start;
      if (n.window.kind == Window::Kind::Span) from = to - n.window.span;
      // The ring is sorted by time, so the hits inside the window are one range, and the next
      // changes are the first hit after it entering (ts + ago) and, for a span, the range's
      // first hit leaving (ts + ago + span + 1): two searches instead of a look at every hit.
      const auto& ring = visitor_.profile.ring;
      const auto begin = std::lower_bound(ring.begin(), ring.end(), from,
                                          [](const StepHit& h, Millis t) { return h.ts < t; });
      const auto end = std::upper_bound(begin, ring.end(), to, [](Millis t, const StepHit& h) { return t < h.ts; });
      if (end != ring.end()) limit(end->ts + n.window.ago);
      if (n.window.kind == Window::Kind::Span && begin != end) limit(begin->ts + n.window.ago + n.window.span + 1);
      std::size_t next = 0;
      const std::size_t steps = n.steps.size();
      const auto step_bit = [&](std::size_t step) { return binding_.step_bits[static_cast<std::size_t>(n.steps[step])]; };
      int bit = steps > 0 ? step_bit(0) : -1;
      for (auto hit = begin; hit != end && bit >= 0; ++hit) {
        if (!((hit->mask >> bit) & 1u)) continue;
        bit = ++next < steps ? step_bit(next) : -1;
      }
      out.has_value = true;
      out.value = static_cast<double>(next);
      out.held = next == n.steps.size();
      break;
    }
    case NodeKind::Cart: {
      CartMeasure measure = CartMeasure::Value;
      parse_cart_measure(n.name, measure);  // verify_program() allows only the three names
      const auto* where = n.feature >= 0 ? &program_.cart_filters[static_cast<std::size_t>(n.feature)] : nullptr;
      numeric(visitor_.cart.measure(measure, where));
      break;
    }
    case NodeKind::Trait: case NodeKind::Context: {
      static const Value unset;
      const Value* found = lookups_.node_values[static_cast<std::size_t>(&n - program_.nodes.data())];
      const Value& v = found ? *found : unset;
      out.held = n.cmp.test_value(v);
      out.has_value = v.kind == Value::Kind::Number;
      out.value = v.number;
      break;
    }
    default: break;
  }
  return out;
}

// `since` grows with the clock; a comparison of it can only change where it reaches a threshold.
void Evaluator::limit_by_thresholds(const Comparison& cmp, Millis since) {
  auto at = [&](double threshold) {
    if (!(threshold >= 0) || threshold > 9e15) return;
    const Millis floor_ms = static_cast<Millis>(threshold);
    limit(since + floor_ms);
    limit(since + floor_ms + 1);
  };
  at(cmp.a);
  at(cmp.b);
  for (double x : cmp.numbers) at(x);
}

NodeOutcome Evaluator::eval(int index, std::vector<NodeOutcome>* trace) {
  const Node& n = program_.nodes[static_cast<std::size_t>(index)];
  NodeOutcome out;
  switch (n.kind) {
    case NodeKind::All: case NodeKind::Any: {
      const bool all = n.kind == NodeKind::All;
      out.held = all;
      double held_count = 0;
      for (int i = 0; i < n.count; ++i) {
        const NodeOutcome child = eval(program_.children[static_cast<std::size_t>(n.first + i)], trace);
        held_count += child.held ? 1 : 0;
        if (all && !child.held) { out.held = false; if (!trace) break; }
        if (!all && child.held) { out.held = true; if (!trace) break; }
      }
      out.has_value = true;
      out.value = held_count;
      break;
    }
    case NodeKind::Not:
      out.held = !eval(program_.children[static_cast<std::size_t>(n.first)], trace).held;
      break;
    case NodeKind::SegmentRef:
      out.held = n.segment >= 0 && member(n.segment);
      break;
    default:
      out = leaf(n);
  }
  if (trace) (*trace)[static_cast<std::size_t>(index)] = out;
  return out;
}

void Evaluator::run_segments(bool remember) {
  for (int s : program_.segment_order) {
    const SegmentDef& def = program_.segments[static_cast<std::size_t>(s)];
    double score = 0;
    bool in = false;
    if (!def.scored) {
      in = def.root >= 0 && eval(def.root).held;
      score = in ? 1 : 0;
    } else {
      for (const auto& sig : def.signals)
        if (sig.root >= 0 && eval(sig.root).held) score += sig.weight;
      auto it = visitor_.members.find(def.id);
      const bool was_in = it != visitor_.members.end() && it->second;
      in = score >= (was_in ? def.exit : def.enter);
      if (remember) {
        if (in) visitor_.members[def.id] = true;
        else if (it != visitor_.members.end()) visitor_.members.erase(it);
      }
    }
    states_[static_cast<std::size_t>(s)] = SegmentState{in, score};
  }
}

}  // namespace seg
