// shopper-segments: validate a configuration, replay an event log, explain a segment.
// All of it lives here, behind one function, so the tests run the tool in-process.
#pragma once
#include <istream>
#include <ostream>
#include <string>
#include <vector>

namespace seg::cli {

// Exit codes.
constexpr int kExitOk = 0;
constexpr int kExitInvalid = 1;  // invalid configuration; explain: unknown visitor or segment
constexpr int kExitUsage = 2;    // bad arguments or an unreadable file

// `args` are the arguments after the program name; `in` is what "-" reads.
int run_cli(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace seg::cli
