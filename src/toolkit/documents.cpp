// The toolkit's entry points over an Engine: configure from JSON, explanations and answers as JSON.
#include <string>

#include "explain.hpp"
#include "program_writer.hpp"
#include "engine/json.hpp"
#include "engine/program.hpp"
#include "shopper_segments/toolkit.hpp"

namespace seg {
namespace {

using json = Json;

json decision_json(const Decision& d) {
  json j;
  j.set("slot", d.slot);
  j.set("offer", d.offer.empty() ? json(nullptr) : json(d.offer));
  j.set("reason", d.reason);
  j.set("segment", d.segment.empty() ? json(nullptr) : json(d.segment));
  j.set("score", d.score);
  json skipped = json::array();
  for (const auto& s : d.skipped) {
    json item = json::object();
    item.set("offer", s.offer);
    item.set("reason", s.reason);
    skipped.push_back(std::move(item));
  }
  j.set("skipped", std::move(skipped));
  json fates = json::array();
  for (const auto& f : d.fates) {
    json item = json::object();
    item.set("offer", f.offer);
    item.set("reason", f.reason);
    if (!f.by.empty()) {
      item.set("by", f.by);
      item.set("because", f.because);
    }
    if (!f.segment.empty()) item.set("segment", f.segment);
    fates.push_back(std::move(item));
  }
  j.set("fates", std::move(fates));
  return j;
}

// {"error": {code, path, message}} for an id the configuration does not have.
std::string unknown_id(const char* code, const char* noun, std::string_view id) {
  json j;
  json error = json::object();
  error.set("code", code);
  error.set("path", "");
  error.set("message", std::string("There is no ") + noun + " \"" + std::string(id.substr(0, 64)) + "\".");
  j.set("error", std::move(error));
  return j.dump();
}

}  // namespace

std::shared_ptr<const Program> default_catalog_program() {
  static const std::shared_ptr<const Program> program = [] {
    CompileResult r = compile_config(default_catalog_json());
    return r.program ? r.program : compile_config(R"({"version":1})").program;
  }();
  return program;
}

CompiledProgram compile_program(std::string_view config_json) {
  CompileResult r = compile_config(config_json);
  if (!r.program) return CompiledProgram{{}, std::move(r.issues)};
  return CompiledProgram{write_program(*r.program), {}};
}

Issues configure(Engine& engine, std::string_view config_json) {
  CompileResult r = compile_config(config_json);
  if (!r.program) return std::move(r.issues);
  engine.use_program(std::move(r.program));
  return {};
}

std::string explain_segment_json(Engine& engine, std::string_view segment_id, Millis now) {
  const Program& p = engine.program();
  auto it = p.segment_index.find(std::string(segment_id));
  if (it == p.segment_index.end()) return unknown_id("unknown_segment", "segment", segment_id);
  return engine.explained(explain_segment, it->second, now);
}

std::string explain_offer_json(Engine& engine, std::string_view offer_id, Millis now) {
  const Program& p = engine.program();
  auto it = p.offer_index.find(std::string(offer_id));
  if (it == p.offer_index.end()) return unknown_id("unknown_offer", "offer", offer_id);
  return engine.explained(explain_offer, it->second, now);
}

std::string segments_json(Engine& engine, Millis now) {
  // Written directly, not through a Json document: the studio asks for this after every event,
  // and building a DOM for 19 flat records cost ten times the evaluation.
  const auto results = engine.segments(now);
  const Program& p = engine.program();
  std::string out = "[";
  for (std::size_t i = 0; i < results.size(); ++i) {
    const auto& r = results[i];
    if (i) out += ',';
    out += "{\"enter\":";
    append_number(out, r.enter);
    out += ",\"exit\":";
    append_number(out, r.exit);
    out += ",\"id\":";
    append_quoted(out, r.id);
    out += ",\"member\":";
    out += r.member ? "true" : "false";
    out += ",\"name\":";
    append_quoted(out, p.segments[i].name);
    out += ",\"priority\":";
    append_number(out, r.priority);
    out += ",\"score\":";
    append_number(out, r.score);
    out += '}';
  }
  out += ']';
  return out;
}

std::string decide_json(Engine& engine, Millis now) {
  json out = json::array();
  for (const auto& d : engine.decide(now)) out.push_back(decision_json(d));
  return out.dump();
}

}  // namespace seg
