#!/bin/sh
# Builds build/filter.wasm with clang and wasi-libc (Debian/Ubuntu: apt-get install -y clang lld wasi-libc).
# WASI_SYSROOT points at another wasi-libc (e.g. a wasi-sdk's share/wasi-sysroot); CC at another clang.
set -eu
cd "$(dirname "$0")"
mkdir -p build
# A reactor module (`_initialize`, no `_start`) that exports malloc/free for the host's allocations.
"${CC:-clang}" --target=wasm32-wasi --sysroot="${WASI_SYSROOT:-/usr}" -O2 -Wall -Wextra -Werror \
  -mexec-model=reactor -Wl,--strip-debug -Wl,--export=malloc -Wl,--export=free \
  -DPROXY_WASM_ABI_0_2_1 -I. filter.c -o build/filter.wasm
