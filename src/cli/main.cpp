// shopper-segments: the thin native entry point; everything else is in cli.cpp.
#include <iostream>
#include <string>
#include <vector>

#include "cli/cli.hpp"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);  // replay writes one line per visitor: keep stdout buffered
  const std::vector<std::string> args(argv + 1, argv + argc);
  const int code = seg::cli::run_cli(args, std::cin, std::cout, std::cerr);
  std::cout.flush();
  return code;
}
