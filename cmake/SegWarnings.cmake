# Warnings for the project's own targets (never -Werror: a new compiler must not break a build).
# Brace-initialised aggregates that leave trailing members at their defaults (seg::Event{"type"})
# are idiomatic here, so -Wmissing-field-initializers is off.
function(seg_target_warnings target)
  if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wno-missing-field-initializers)
  endif()
endfunction()
