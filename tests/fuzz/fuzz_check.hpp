// A failed expectation inside a fuzz target: say what broke, then crash so libFuzzer keeps the input.
#pragma once
#include <cstdio>
#include <cstdlib>

#define SEG_FUZZ_EXPECT(condition)                                              \
  do {                                                                          \
    if (!(condition)) {                                                         \
      std::fprintf(stderr, "fuzz expectation failed: %s (%s:%d)\n", #condition, \
                   __FILE__, __LINE__);                                         \
      std::abort();                                                             \
    }                                                                           \
  } while (0)
