#!/usr/bin/env bash
# Rebuilds the example proxy-wasm filters. The built .wasm files are committed, so the tests
# (tests/Weir.ProxyWasm.Tests) never need a compiler; rerun this after editing a source.
#
#   C filters:              Debian clang + wasi-libc (apt-get install -y clang lld wasi-libc)
#   AssemblyScript filters: node + npm; `npm ci` in assemblyscript/ installs the pinned
#                           @solo-io/proxy-runtime 0.1.8 and assemblyscript 0.14.13
#
# Usage: ./build.sh [c|assemblyscript]   (both when no argument is given)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
what="${1:-all}"

build_c() {
  # clang runs binaryen's wasm-opt after linking whenever it is on PATH, which strips the name
  # section (traps would show no function names) and makes the output depend on what is
  # installed. Give clang a PATH with only itself and the linker.
  local tools
  tools="$(mktemp -d)"
  ln -s "$(command -v clang)" "$tools/clang"
  for linker in "$(dirname "$(command -v wasm-ld)")"/wasm-ld*; do
    ln -s "$linker" "$tools/$(basename "$linker")"
  done

  local out="$here/c/build"
  mkdir -p "$out"
  # A reactor (`_initialize`, no `_start`) that exports malloc for the host's allocations.
  local cc=(env PATH="$tools" clang --target=wasm32-wasi --sysroot=/usr -O2 -Wall -Wextra -Werror
    -mexec-model=reactor -Wl,--strip-debug -Wl,--export=malloc -Wl,--export=free -I"$here/c")

  "${cc[@]}" -DPROXY_WASM_ABI_0_1_0 "$here/c/probe.c" -o "$out/probe_0_1_0.wasm"
  "${cc[@]}" -DPROXY_WASM_ABI_0_1_0 -DPROBE_HEADER_EOS "$here/c/probe.c" -o "$out/probe_0_1_0_eos.wasm"
  "${cc[@]}" -DPROXY_WASM_ABI_0_2_0 "$here/c/probe.c" -o "$out/probe_0_2_0.wasm"
  "${cc[@]}" -DPROXY_WASM_ABI_0_2_1 "$here/c/probe.c" -o "$out/probe_0_2_1.wasm"
  for name in trap_every_tenth infinite_loop memory_hog; do
    "${cc[@]}" -DPROXY_WASM_ABI_0_2_1 "$here/c/$name.c" -o "$out/$name.wasm"
  done
  rm -rf "$tools"
  echo "built C filters into $out"
}

build_assemblyscript() {
  local project="$here/assemblyscript"
  local out="$project/build"
  mkdir -p "$out"
  if [ ! -d "$project/node_modules/@solo-io/proxy-runtime" ]; then
    (cd "$project" && npm ci --no-audit --no-fund)
  fi
  for source in "$project"/filters/*.ts; do
    local name
    name="$(basename "$source" .ts)"
    (cd "$project" && npx asc "filters/$name.ts" -b "build/$name.wasm" --use abort=abort_proc_exit --optimize)
  done
  echo "built AssemblyScript filters into $out"
}

case "$what" in
  c) build_c ;;
  assemblyscript) build_assemblyscript ;;
  all) build_c; build_assemblyscript ;;
  *) echo "usage: $0 [c|assemblyscript]" >&2; exit 2 ;;
esac
