#!/usr/bin/env bash
# Builds every benchmark twice: to WebAssembly with Debian's clang and wasi-libc, and natively with gcc.
# Needs: apt-get install -y clang lld wasi-libc libclang-rt-14-dev-wasm32 gcc
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p ../out
for source in *.c; do
  name="${source%.c}"
  clang --target=wasm32-wasi --sysroot=/usr -O2 -o "$name.wasm" "$source"
  gcc -O2 -o "../out/$name.native" "$source" -lm
done
