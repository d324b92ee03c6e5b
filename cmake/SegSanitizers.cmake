# Instrumentation that applies to every target of the build, so the engine, the CLI library and the
# tests are checked together. Two separate builds use it (see scripts/test):
#   SEG_SANITIZE=ON  the unit tests under AddressSanitizer + UndefinedBehaviorSanitizer (gcc or clang)
#   SEG_FUZZ=ON      libFuzzer targets (clang only); targets link -fsanitize=fuzzer themselves
if(SEG_SANITIZE AND SEG_FUZZ)
  message(FATAL_ERROR "SEG_SANITIZE and SEG_FUZZ are separate builds; the fuzz build is already sanitized")
endif()

set(SEG_SANITIZER_FLAGS -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)

if(SEG_SANITIZE)
  add_compile_options(${SEG_SANITIZER_FLAGS})
  add_link_options(-fsanitize=address,undefined)
endif()

if(SEG_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "SEG_FUZZ needs clang++ (libFuzzer): configure with CXX=clang++")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link ${SEG_SANITIZER_FLAGS})
  add_link_options(-fsanitize=address,undefined)
endif()
