// Compiled programs from bytes: what the storefront runtime loads instead of a JSON configuration.
// The owner toolkit writes them (toolkit/program_writer.hpp); program_format.hpp has the layout.
//
// The bytes come from a web page, so nothing in them is trusted: read_program() checks every
// index, count, length, enum and number range, that rules are trees the evaluator can walk
// (children before parents, each node used once, at most kMaxRuleLevels deep) and that segments
// are ordered after every segment their rules refer to. A program it returns can be handed to
// Engine::use_program() and never makes the engine crash or loop. It throws nothing; every
// failure is a value: a stable code and one plain sentence.
//
//   program_truncated      the bytes end before the header or the body they announce
//   program_not_a_program  the bytes do not start with "SSEG"
//   program_version        another format version; the sentence names both versions
//   program_checksum       the body does not match the checksum in the header
//   program_corrupt        the checksum holds but the contents do not: an index, length, count,
//                          enum or number out of range, a rule cycle, bytes after the body, ...
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "program.hpp"

namespace seg {

// 2: offers carry flags (paused). 3: the cart (cart conditions, cart_filters, settings.currency).
constexpr std::uint32_t kProgramFormatVersion = 3;

struct ProgramRead {
  std::shared_ptr<const Program> program;  // null unless `code` is empty
  std::string code;                        // empty: the program was read and verified
  std::string message;
};
ProgramRead read_program(std::string_view bytes);

// FNV-1a 64 of the body: catches damage in transit, not tampering (it is no signature).
std::uint64_t program_checksum(std::string_view body);

// The header alone, for tools that show what a file is (`inspect`): true when the bytes start
// with the magic and hold a whole header, whatever the version, checksum or body.
struct ProgramHeader {
  std::uint32_t version = 0;
  std::uint64_t checksum = 0;
  std::uint32_t body_bytes = 0;
};
bool read_program_header(std::string_view bytes, ProgramHeader& out);

}  // namespace seg
