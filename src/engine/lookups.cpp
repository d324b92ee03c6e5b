#include "lookups.hpp"

#include "stable_hash.hpp"

namespace seg {

void Lookups::resolve(const Program& program, const Visitor& visitor) {
  node_values.assign(program.nodes.size(), nullptr);
  for (std::size_t i = 0; i < program.nodes.size(); ++i) {
    const Node& n = program.nodes[i];
    if (n.kind != NodeKind::Trait && n.kind != NodeKind::Context) continue;
    const auto& values = n.kind == NodeKind::Trait ? visitor.traits : visitor.context;
    auto it = values.find(n.name);
    if (it != values.end()) node_values[i] = &it->second;
  }
  offer_history.assign(program.offers.size(), nullptr);
  holdout_share.assign(program.offers.size(), 1);
  for (std::size_t i = 0; i < program.offers.size(); ++i) {
    const OfferDef& o = program.offers[i];
    auto it = visitor.offers.find(o.id);
    if (it != visitor.offers.end()) offer_history[i] = &it->second;
    if (o.holdout > 0) holdout_share[i] = stable_share(visitor.id, o.id, program.settings.salt);
  }
  control_share = program.settings.control_group > 0 ? stable_share(visitor.id, "control", program.settings.salt) : 1;
  auto tz = visitor.context.find("tz_offset");
  tz_offset_minutes = tz != visitor.context.end() && tz->second.kind == Value::Kind::Number ? tz->second.number : 0;
}

}  // namespace seg
