// Writes a large compiled program for fuzz_program to start from (issue 15: every loader fuzzed
// with large inputs): 1,000 segments, each a rule of several windows with filters, and 1,000
// offers. Built and run by tests/fuzz/CMakeLists.txt; the file is not committed.
#include <cstdio>
#include <fstream>
#include <string>

#include "shopper_segments/toolkit.hpp"
#include "toolkit/program_writer.hpp"

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  std::string config = R"({"version":1,"segments":[)";
  for (int i = 0; i < 1000; ++i) {
    const std::string n = std::to_string(i);
    config += (i ? "," : "") + std::string(R"({"id":"s)") + n + R"(","rule":{"all":[{"count":"view_item","where":{"item_category":"c)" + n +
              R"("},"within":"7d","gte":2},{"sum":"purchase.value","within":"90d","gte":)" + n +
              R"(},{"distinct":"view_item.item_id","within":"30d","gte":3}]}})";
  }
  config += R"(],"offers":[)";
  for (int i = 0; i < 1000; ++i) {
    const std::string n = std::to_string(i);
    config += (i ? "," : "") + std::string(R"({"id":"o)") + n + R"(","slot":"hero","segments":["s)" + n + R"("],"content":{"title":"Offer )" + n +
              R"("},"caps":{"day":3}})";
  }
  config += "]}";
  const seg::CompileResult compiled = seg::compile_config(config);
  if (!compiled.program) {
    for (const auto& issue : compiled.issues) std::fprintf(stderr, "%s %s %s\n", issue.code.c_str(), issue.path.c_str(), issue.message.c_str());
    return 1;
  }
  std::ofstream out(argv[1], std::ios::binary);
  out << seg::write_program(*compiled.program);
  return out ? 0 : 1;
}
