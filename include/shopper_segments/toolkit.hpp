// The owner toolkit's public face: everything that reads a JSON configuration or writes words about
// rules. The storefront runtime (src/engine/) never includes this: it only loads compiled programs.
//
//   compile_config   JSON configuration -> validated Program (every issue, each with a JSON Pointer)
//   configure        compile and hand the program to an Engine (the CLI, tests, the studio)
//   explain_*_json   why a segment or offer holds, as a tree with values and words
//   *_json           an Engine's answers as JSON documents (CLI output, the studio)
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "engine.hpp"
#include "issue.hpp"

namespace seg {

// Parse + validate + compile. On any issue `program` is null and `issues` lists them all.
struct CompileResult {
  std::shared_ptr<const Program> program;
  Issues issues;
};
CompileResult compile_config(std::string_view config_json);

// The same, as the program file the storefront runtime loads (Engine::use_program_bytes):
// deterministic bytes, empty when there are issues.
struct CompiledProgram {
  std::string bytes;
  Issues issues;
};
CompiledProgram compile_program(std::string_view config_json);

// The configuration the product ships with (src/catalog/default.json, embedded at build time).
std::string_view default_catalog_json();
// The built-in catalogue, compiled once and shared.
std::shared_ptr<const Program> default_catalog_program();

// The short form of a duration ("7 days" -> "7d"), as a configuration stores it; nothing when the
// text is not a duration (docs/RULES.md "Durations and windows"; defined in engine/time_units.cpp).
std::optional<std::string> canonical_duration(std::string_view text);

// Compiles `config_json` and makes it `engine`'s program. On issues the previous program stays.
Issues configure(Engine& engine, std::string_view config_json);

// {"error":{code,path,message}} for an unknown id, else the explanation tree (docs/RULES.md).
std::string explain_segment_json(Engine& engine, std::string_view segment_id, Millis now);
std::string explain_offer_json(Engine& engine, std::string_view offer_id, Millis now);
// A slot's decision in words: {"slot", "offer", "reason", "segment", "words", "fates": [{"offer",
// "name", "reason", "by"?, "because"?, "segment"?, "words"}]} (every other offer of the slot and
// why it did not show), or {"error"} (code unknown_slot).
std::string explain_slot_json(Engine& engine, std::string_view slot, Millis now);

std::string segments_json(Engine& engine, Millis now);
std::string decide_json(Engine& engine, Millis now);

}  // namespace seg
