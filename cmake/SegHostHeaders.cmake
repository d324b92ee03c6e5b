# Header-only libraries installed by Debian under /usr/include (nlohmann/json, doctest).
#
# The Emscripten sysroot hides /usr/include, and adding -I/usr/include would drag glibc's headers
# into the WebAssembly build. So each library is reached through a directory of the build tree that
# holds nothing but a symlink to the library's own folder. Native builds use the same directory,
# so both builds see exactly the same headers.
function(seg_host_header_library target header)
  get_filename_component(folder "${header}" DIRECTORY)  # e.g. "nlohmann"
  find_path(SEG_HOST_DIR_${target} "${header}"
    PATHS /usr/include /usr/local/include
    NO_CMAKE_FIND_ROOT_PATH)
  if(NOT SEG_HOST_DIR_${target})
    message(FATAL_ERROR "${header} not found: run scripts/setup (Debian packages nlohmann-json3-dev, doctest-dev)")
  endif()
  set(shim "${CMAKE_BINARY_DIR}/host-include/${target}")
  file(MAKE_DIRECTORY "${shim}")
  file(CREATE_LINK "${SEG_HOST_DIR_${target}}/${folder}" "${shim}/${folder}" SYMBOLIC)
  add_library(${target} INTERFACE)
  target_include_directories(${target} SYSTEM INTERFACE "${shim}")
endfunction()
