// Program -> bytes the storefront runtime loads with read_program() (engine/program_reader.hpp;
// the layout is in engine/program_format.hpp).
#pragma once
#include <string>

#include "engine/program.hpp"

namespace seg {

// Deterministic: the same Program gives the same bytes on every build and run (no pointers,
// maps in key order, numbers in a fixed encoding). Derived lookups are not written; the reader
// rebuilds them. Writes any Program; read_program() accepts those compile_config() can produce.
std::string write_program(const Program& program);

}  // namespace seg
