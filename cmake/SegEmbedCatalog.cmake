# seg::default_catalog_json() returns src/catalog/default.json, embedded into the library at build
# time: the catalogue stays data in the repository, and the engine needs no file system.
set(SEG_EMBED_CATALOG_SCRIPT "${CMAKE_CURRENT_LIST_DIR}/embed_catalog.cmake")

function(seg_embed_catalog)
  cmake_parse_arguments(ARG "" "JSON;OUTPUT" "" ${ARGN})
  if(NOT EXISTS "${ARG_JSON}")
    message(FATAL_ERROR "The built-in catalogue ${ARG_JSON} is missing")
  endif()
  add_custom_command(
    OUTPUT "${ARG_OUTPUT}"
    COMMAND "${CMAKE_COMMAND}" -DJSON=${ARG_JSON} -DOUTPUT=${ARG_OUTPUT} -P "${SEG_EMBED_CATALOG_SCRIPT}"
    DEPENDS "${ARG_JSON}" "${SEG_EMBED_CATALOG_SCRIPT}"
    COMMENT "Embedding the built-in catalogue"
    VERBATIM)
endfunction()
