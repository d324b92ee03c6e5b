// Engine::page_json: what a page needs of its program, written once per program. Cold (built for
// size in the WASM module).
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "json.hpp"
#include "offer_numbers.hpp"
#include "program.hpp"
#include "shopper_segments/engine.hpp"

namespace seg {
namespace {

void append_field(std::string& out, const char* key, const std::string& value) {
  if (value.empty()) return;
  if (out.back() != '{') out += ',';
  append_quoted(out, key);
  out += ':';
  append_quoted(out, value);
}

}  // namespace

std::string Engine::page_json() const {
  const Program& p = program();
  std::string out = "{\"slots\":";
  append_quoted_list(out, p.slots);
  out += ",\"offers\":[";
  for (std::size_t i = 0; i < p.offers.size(); ++i) {
    if (i) out += ',';
    append_quoted(out, p.offers[i].id);
  }
  out += "],\"contents\":[";
  for (std::size_t i = 0; i < p.offers.size(); ++i) {
    const OfferContent& c = p.offers[i].content;
    if (i) out += ',';
    out += '{';
    append_field(out, "title", c.title);
    append_field(out, "body", c.body);
    append_field(out, "cta", c.cta);
    append_field(out, "link", c.link);
    append_field(out, "image", c.image);
    out += '}';
  }
  // Per offer, the placeholders whose numbers offer_numbers() gives, in its order.
  out += "],\"quotes\":[";
  for (std::size_t i = 0; i < p.offers.size(); ++i) {
    if (i) out += ',';
    out += '[';
    const std::vector<Placeholder> quoted = quoted_numbers(p.offers[i].content);
    for (std::size_t k = 0; k < quoted.size(); ++k) {
      if (k) out += ',';
      append_quoted(out, quoted[k].token);
    }
    out += ']';
  }
  out += "],\"ruled\":[";
  for (std::size_t i = 0; i < p.offers.size(); ++i) {
    if (i) out += ',';
    out += p.offers[i].rule >= 0 ? "true" : "false";
  }
  out += "],\"segments\":[";
  for (std::size_t i = 0; i < p.segments.size(); ++i) {
    const SegmentDef& s = p.segments[i];
    if (i) out += ',';
    out += "{\"id\":";
    append_quoted(out, s.id);
    out += ",\"name\":";
    append_quoted(out, s.name);
    out += ",\"enter\":";
    append_number(out, s.enter);
    out += ",\"exit\":";
    append_number(out, s.exit);
    out += ",\"priority\":";
    append_number(out, s.priority);
    out += '}';
  }
  out += "],\"context\":[";
  std::vector<std::string_view> context;  // the context names the rules read, each once
  for (const Node& n : p.nodes)
    if (n.kind == NodeKind::Context && std::find(context.begin(), context.end(), n.name) == context.end()) context.push_back(n.name);
  for (std::size_t i = 0; i < context.size(); ++i) {
    if (i) out += ',';
    append_quoted(out, context[i]);
  }
  out += "],\"currency\":";
  append_quoted(out, p.settings.currency);
  out += ",\"web\":";
  out += p.settings.web.empty() ? "{}" : p.settings.web;  // compact JSON, checked by read_program
  out += ",\"reasons\":[";
  for (int i = 0; i < kReasonCount; ++i) {
    if (i) out += ',';
    append_quoted(out, reason_name(static_cast<Reason>(i)));
  }
  out += "]}";
  return out;
}

}  // namespace seg
