// The owner toolkit's WASM boundary: what the studio and pages that still give JSON need beyond the
// runtime's exports (engine_exports.cpp, linked into this module too): compile a configuration to
// a program, validate it, check it before publishing, explain a segment or an offer, put rules in
// words and describe the language itself. Same conventions as engine_exports.cpp.
#include <emscripten/emscripten.h>

#include <cstdint>
#include <optional>
#include <string>

#include "shopper_segments/engine.hpp"
#include "exports_common.hpp"
#include "shopper_segments/describe.hpp"
#include "shopper_segments/language.hpp"
#include "shopper_segments/lint.hpp"
#include "shopper_segments/log_replay.hpp"
#include "shopper_segments/toolkit.hpp"

using namespace seg::bindings;

extern "C" {

// The JSON configuration in the input buffer, compiled: 1 and the program's bytes as the result,
// or 0 and its issues as a JSON array of {code, path, message}.
EMSCRIPTEN_KEEPALIVE int seg_compile(std::uint32_t bytes) {
  seg::CompiledProgram compiled = seg::compile_program(input_text(bytes));
  if (!compiled.issues.empty()) {
    give(seg::issues_json(compiled.issues));
    return 0;
  }
  give(std::move(compiled.bytes));
  return 1;
}

// Every issue of the configuration in the input buffer, as a JSON array ("[]": valid).
EMSCRIPTEN_KEEPALIVE const char* seg_validate(std::uint32_t bytes) {
  return give(seg::issues_json(seg::compile_config(input_text(bytes)).issues));
}

// Why segment (kind 0) or offer (kind 1) with the id in the input buffer holds or not, or what
// slot (kind 2) shows and why each other offer does not, for the engine's visitor at `now`
// (docs/RULES.md "Explanations", "Decisions").
EMSCRIPTEN_KEEPALIVE const char* seg_explain(seg::Engine* e, int kind, std::uint32_t bytes, double now) {
  const std::string id(input_text(bytes));
  if (kind == 2) return give(seg::explain_slot_json(*e, id, millis(now)));
  return give(kind == 1 ? seg::explain_offer_json(*e, id, millis(now)) : seg::explain_segment_json(*e, id, millis(now)));
}

// The checks before publishing of the configuration in the input buffer, as JSON:
// {"issues": [...], "findings": [{severity, code, path, message, related?}]} (src/toolkit/lint.hpp).
EMSCRIPTEN_KEEPALIVE const char* seg_lint(std::uint32_t bytes) { return give(seg::lint_json(input_text(bytes))); }

// The rule or segment (or {"describe", "segments"}) in the input buffer in words: 1 and the words
// as the result, or 0 and its issues as a JSON array when the text is not JSON.
EMSCRIPTEN_KEEPALIVE int seg_describe(std::uint32_t bytes) {
  seg::Description d = seg::describe(input_text(bytes));
  if (!d.issues.empty()) {
    give(seg::issues_json(d.issues));
    return 0;
  }
  give(std::move(d.words));
  return 1;
}

// The language descriptor (src/toolkit/language.hpp) as JSON: what the studio's pickers offer.
EMSCRIPTEN_KEEPALIVE const char* seg_language() { return give(seg::language_json()); }

// The short form of the duration in the input buffer ("7 days" -> "7d"): 1 and it as the result,
// or 0 when it is not a duration (docs/RULES.md "Durations and windows").
EMSCRIPTEN_KEEPALIVE int seg_canonical_duration(std::uint32_t bytes) {
  const std::optional<std::string> canonical = seg::canonical_duration(input_text(bytes));
  give(canonical.value_or(std::string()));
  return canonical ? 1 : 0;
}

// A log replay over the configuration in the input buffer: its address, or 0 and the
// configuration's issues as the result.
EMSCRIPTEN_KEEPALIVE seg::LogReplay* seg_replay_new(std::uint32_t bytes) {
  seg::CompileResult compiled = seg::compile_config(input_text(bytes));
  if (!compiled.program) {
    give(seg::issues_json(compiled.issues));
    return nullptr;
  }
  give("[]");
  return new seg::LogReplay(std::move(compiled.program));
}

// The log's format, before its first line: 0 JSON Lines, 1 a GA4 BigQuery export, 2 CSV with the
// column mapping in the input buffer. 1, or 0 and the sentence why as the result.
EMSCRIPTEN_KEEPALIVE int seg_replay_format(seg::LogReplay* r, int format, std::uint32_t bytes) {
  std::string error;
  const seg::LogFormat kinds[] = {seg::LogFormat::EventLines, seg::LogFormat::Ga4Export, seg::LogFormat::Csv};
  if (format < 0 || format > 2) {
    give("unknown log format");
    return 0;
  }
  if (r->use_format(kinds[format], input_text(bytes), error)) return 1;
  give(std::move(error));
  return 0;
}

// Before the first line: the summary also counts, per rule node, the visitors for whom it holds.
EMSCRIPTEN_KEEPALIVE void seg_replay_count_nodes(seg::LogReplay* r, int on) { r->count_nodes(on != 0); }

// The log ended: the row left open, if any, as the lines JSON below.
EMSCRIPTEN_KEEPALIVE const char* seg_replay_end(seg::LogReplay* r) { return give(r->end_of_log()); }

// Whole lines of the log in the input buffer; the rows it could not use, as JSON [{line, code, message}].
EMSCRIPTEN_KEEPALIVE const char* seg_replay_lines(seg::LogReplay* r, std::uint32_t bytes) {
  return give(r->apply_lines(input_text(bytes)));
}

// Segment sizes and offer shares so far, each visitor at its latest line (JSON).
EMSCRIPTEN_KEEPALIVE const char* seg_replay_summary(seg::LogReplay* r) { return give(r->summary_json()); }

EMSCRIPTEN_KEEPALIVE void seg_replay_delete(seg::LogReplay* r) { delete r; }

}  // extern "C"
