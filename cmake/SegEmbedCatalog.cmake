# seg::default_catalog_json() returns src/catalog/default.json, embedded into the library at build
# time: the catalogue stays data in the repository, and the engine needs no file system.
# With EMBED OFF it returns "" (the WASM product module: pages load the catalogue as a file only
# when they bring no configuration of their own).
set(SEG_EMBED_CATALOG_SCRIPT "${CMAKE_CURRENT_LIST_DIR}/embed_catalog.cmake")

function(seg_embed_catalog)
  cmake_parse_arguments(ARG "" "JSON;OUTPUT;EMBED" "" ${ARGN})
  if(NOT DEFINED ARG_EMBED)
    set(ARG_EMBED ON)
  endif()
  if(NOT EXISTS "${ARG_JSON}")
    message(FATAL_ERROR "The built-in catalogue ${ARG_JSON} is missing")
  endif()
  add_custom_command(
    OUTPUT "${ARG_OUTPUT}"
    COMMAND "${CMAKE_COMMAND}" -DJSON=${ARG_JSON} -DOUTPUT=${ARG_OUTPUT} -DEMBED=${ARG_EMBED} -P "${SEG_EMBED_CATALOG_SCRIPT}"
    DEPENDS "${ARG_JSON}" "${SEG_EMBED_CATALOG_SCRIPT}"
    COMMENT "Embedding the built-in catalogue"
    VERBATIM)
endfunction()
