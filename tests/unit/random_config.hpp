// Deterministic pseudo-random configurations that use every rule form, window, comparison and
// offer field, for property tests over compiled programs. Most of them compile; the ones that
// do not (a share over 1, ...) are simply skipped by the callers.
#pragma once
#include <string>

#include <nlohmann/json.hpp>

#include "random_journey.hpp"

namespace seg::testing {

class RandomConfig {
 public:
  explicit RandomConfig(std::uint64_t seed) : rng_{seed * 2654435761ULL + 1} {}

  std::string make() {
    using json = nlohmann::json;
    json config = {{"version", 1}};
    if (chance(2)) {
      config["settings"] = {{"session_timeout", pick({"30m", "1h", "15m"})}, {"salt", "s" + std::to_string(below(9))}};
      if (chance(2)) config["settings"]["control_group"] = below(5) / 10.0;
      if (chance(2)) config["settings"]["state_ttl"] = pick({"30d", "365d", "12h"});
    }
    if (chance(3)) config["web"] = {{"why", chance(2)}, {"storage_key", "k"}};
    json segments = json::array();
    const int count = 1 + static_cast<int>(below(6));
    for (int i = 0; i < count; ++i) {
      json s = {{"id", "s" + std::to_string(i)}, {"priority", static_cast<int>(below(100)) - 20}};
      if (chance(2)) s["name"] = "Segment " + std::to_string(i);
      if (chance(2)) s["description"] = "About segment " + std::to_string(i) + ".";
      segments_so_far_ = i;
      if (chance(3)) {
        json signals = json::array();
        const int n = 1 + static_cast<int>(below(3));
        for (int k = 0; k < n; ++k) {
          json sig = {{"weight", chance(3) ? 0.5 : static_cast<double>(below(4))}, {"rule", rule(0)}};
          if (chance(2)) sig["label"] = "signal " + std::to_string(k);
          signals.push_back(sig);
        }
        s["score"] = {{"signals", signals}, {"enter", 1 + below(3)}};
        if (chance(2)) s["score"]["exit"] = 0.5;
      } else {
        s["rule"] = rule(0);
      }
      segments.push_back(s);
    }
    config["segments"] = segments;
    segments_so_far_ = count;
    json offers = json::array();
    const int offer_count = static_cast<int>(below(5));
    for (int i = 0; i < offer_count; ++i) offers.push_back(offer(i, count));
    config["offers"] = offers;
    return config.dump();
  }

 private:
  Lcg rng_;
  int segments_so_far_ = 0;  // segment rules refer only to earlier segments: no cycles

  std::uint32_t below(std::uint32_t n) { return rng_.next() % n; }
  bool chance(std::uint32_t one_in) { return below(one_in) == 0; }
  const char* pick(std::initializer_list<const char*> items) { return items.begin()[below(static_cast<std::uint32_t>(items.size()))]; }

  const char* type() { return pick({"view_item", "page_view", "add_to_cart", "purchase", "search", "engagement"}); }

  nlohmann::json where() {
    switch (below(5)) {
      case 0: return {{"tags", pick({"new", "sale"})}};
      case 1: return {{"price", {{"gte", below(100)}}}};
      case 2: return {{"item_category", {"tops", "shoes"}}};
      case 3: return {{"seconds", {{"between", {1, 60}}}}};
      default: return {{"item_id", {{"startsWith", "sku1"}}}, {"page_type", "product"}};
    }
  }

  void window(nlohmann::json& r, bool may_shift) {
    const char* w = pick({"session", "lifetime", "7d", "30m", "24h", "90d"});
    if (!chance(4)) r["within"] = w;
    if (may_shift && std::string(w) != "session" && chance(4)) {
      r["within"] = w;
      r["ago"] = pick({"1d", "2h"});
    }
  }

  void compare(nlohmann::json& r) {
    switch (below(5)) {
      case 0: r["gte"] = below(4); break;
      case 1: r["lt"] = below(5) + 0.5; break;
      case 2: r["between"] = {1, 3}; break;
      case 3: r["in"] = {1, 2, 3}; break;
      default: r["eq"] = below(3); break;
    }
  }

  nlohmann::json rule(int depth) {
    using json = nlohmann::json;
    const std::uint32_t form = below(depth >= 3 ? 11 : 14);
    json r;
    switch (form) {
      case 0: r = {{"count", type()}}; if (chance(2)) r["where"] = where(); window(r, true); if (chance(2)) compare(r); if (chance(4)) r["per"] = "item_id"; break;
      case 1: r = {{"distinct", std::string(type()) + ".item_category"}}; window(r, true); compare(r); break;
      case 2: r = {{chance(2) ? "sum" : "avg", std::string(type()) + ".value"}}; if (chance(2)) r["where"] = where(); window(r, true); compare(r); break;
      case 3: r = {{"share", type()}, {"where", where()}, {"gte", below(10) / 10.0}}; window(r, true); break;
      case 4: r = {{"trend", chance(2) ? "purchase.value" : type()}, {"within", pick({"7d", "30d"})}, {"gte", 0.25}}; break;
      case 5: r = {{"since", type()}, {chance(2) ? "gte" : "lt", pick({"1d", "30m", "2w"})}}; if (chance(2)) r["where"] = where(); break;
      case 6: {
        json steps = json::array();
        const int n = 1 + static_cast<int>(below(4));
        for (int i = 0; i < n; ++i) steps.push_back(chance(3) ? json{{"event", type()}, {"where", where()}} : json(type()));
        r = {{"sequence", steps}};
        window(r, true);
        break;
      }
      case 7: r = {{"trait", pick({"customer_orders", "vip", "tier"})}}; if (chance(2)) compare(r); else r["exists"] = chance(2); break;
      case 8: r = {{"context", pick({"device", "utm_source", "tz_offset"})}, {"eq", pick({"mobile", "mail", "true"})}}; break;
      case 9: r = {{"context", "referrer"}, {"contains", "google"}}; break;
      case 10:
        if (segments_so_far_ > 0) { r = {{"segment", "s" + std::to_string(below(static_cast<std::uint32_t>(segments_so_far_)))}}; break; }
        r = {{"count", "purchase"}};
        break;
      case 11: case 12: {
        json kids = json::array();
        const int n = static_cast<int>(below(4));
        for (int i = 0; i < n; ++i) kids.push_back(rule(depth + 1));
        r = {{form == 11 ? "all" : "any", kids}};
        break;
      }
      default: r = {{"not", rule(depth + 1)}}; break;
    }
    return r;
  }

  nlohmann::json offer(int i, int segments) {
    using json = nlohmann::json;
    json o = {{"id", "o" + std::to_string(i)}, {"slot", pick({"hero", "banner", "exit_intent"})}, {"priority", below(20)}};
    json ids = json::array();
    const int n = static_cast<int>(below(3));  // none: a fallback that any visitor may see
    for (int k = 0; k < n; ++k) ids.push_back("s" + std::to_string(below(static_cast<std::uint32_t>(segments))));
    o["segments"] = ids;
    if (chance(3)) o["rule"] = rule(1);
    if (chance(2)) o["content"] = {{"title", "Offer " + std::to_string(i)}, {"cta", "Go"}, {"link", "/x"}};
    if (chance(2)) o["caps"] = {{"session", below(3)}, {"day", below(5)}};
    if (chance(3)) o["cooldown"] = pick({"10m", "1h"});
    if (chance(3)) o["suppress"] = {{"dismissed", "1d"}, {"converted", "30d"}};
    if (chance(3)) o["schedule"] = {{"days", {"mon", "tue", "sat"}}, {"hours", {9, 21}}, {"from", "2026-01-01"}, {"until", "2027-12-31"}};
    if (chance(3)) o["holdout"] = below(5) / 10.0;
    if (chance(8)) o["paused"] = chance(2);
    return o;
  }
};

}  // namespace seg::testing
