# cmake -DJSON=default.json -DOUTPUT=default_catalog.cpp [-DEMBED=OFF] -P embed_catalog.cmake
# Writes the catalogue as one raw string literal. The delimiter must not occur in the text; the
# check below turns a clash into a clear build error instead of a broken literal.
set(delimiter "seg_catalog")
file(READ "${JSON}" text)
if(DEFINED EMBED AND NOT EMBED)
  set(text "")
endif()
string(FIND "${text}" ")${delimiter}\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${JSON} contains the sequence )${delimiter}\" and cannot be embedded as is")
endif()
# gcc and clang accept string literals far longer than any catalogue; split anyway at 16 KB pieces
# so no compiler limit on a single literal token can ever apply.
string(LENGTH "${text}" length)
set(pieces "")
set(offset 0)
while(offset LESS length)
  string(SUBSTRING "${text}" ${offset} 16000 piece)
  string(APPEND pieces "R\"${delimiter}(${piece})${delimiter}\"\n")
  math(EXPR offset "${offset} + 16000")
endwhile()
if(pieces STREQUAL "")
  set(pieces "\"\"")
endif()
file(WRITE "${OUTPUT}.tmp" "// Generated from ${JSON} by cmake/embed_catalog.cmake. Do not edit.
#include <string_view>

#include \"shopper_segments/toolkit.hpp\"

namespace seg {

namespace {
constexpr char kDefaultCatalog[] =
${pieces};
}  // namespace

std::string_view default_catalog_json() {
  return std::string_view(kDefaultCatalog, sizeof(kDefaultCatalog) - 1);
}

}  // namespace seg
")
file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")
