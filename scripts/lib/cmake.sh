# Shared by scripts/build, scripts/test and scripts/bench (sourced, not run).
# seg_configure DIR ARGS...: configures DIR once, and again only when ARGS change; later
# `cmake --build` calls re-run CMake by themselves when a CMakeLists.txt changes.

SEG_JOBS=${SEG_JOBS:-2}  # the machine is shared: never more than two compile jobs

seg_generator() {
  if command -v ninja >/dev/null 2>&1; then echo Ninja; else echo "Unix Makefiles"; fi
}

seg_configure() {
  local dir=$1
  shift
  local wanted="$*"
  if [ -f "$dir/CMakeCache.txt" ] && [ "$(cat "$dir/.seg-configure-args" 2>/dev/null)" = "$wanted" ]; then
    return 0
  fi
  mkdir -p "$dir"
  if ! "$@" >"$dir/configure.log" 2>&1; then
    cat "$dir/configure.log" >&2
    return 1
  fi
  echo "$wanted" >"$dir/.seg-configure-args"
}

# seg_build DIR [TARGETS...]
seg_build() {
  local dir=$1
  shift
  local targets=()
  local t
  for t in "$@"; do targets+=(--target "$t"); done
  cmake --build "$dir" -j "$SEG_JOBS" "${targets[@]}"
}

# Emscripten 3.1.6 with a Node that is not Debian's needs Debian's acorn (docs/TOOLCHAIN.md pitfall 1).
seg_emscripten_env() {
  export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}
}

# Sizes for the build summary: "name raw gzip".
seg_size_line() {
  local file=$1
  [ -f "$file" ] || return 0
  printf '  %-34s %9s B   gzip -9 %8s B\n' "$file" "$(wc -c <"$file")" "$(gzip -9c "$file" | wc -c)"
}
