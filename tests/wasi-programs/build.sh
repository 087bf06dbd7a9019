#!/usr/bin/env bash
# Builds every test program (and examples/hello) with Debian's clang + wasi-libc:
#   apt-get install -y clang lld wasi-libc libclang-rt-14-dev-wasm32
# The .wasm files are committed, so tests do not need the toolchain; rebuild after editing a .c file.
#   build.sh            rebuilds them in place
#   build.sh OUTPUT     writes them to OUTPUT instead (a test compares those with the committed ones)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
output="${1:-}"
if [ -n "$output" ]; then
  mkdir -p "$output"
  output="$(cd "$output" && pwd)"
fi
programs_out="${output:-$here}"
hello_out="${output:-$root/examples/hello}"

# clang runs binaryen's wasm-opt after linking whenever it is on PATH, which strips the name section
# (so traps would show no function names) and makes the output depend on what is installed. Give
# clang a PATH with only itself and the linker.
tools="$(mktemp -d)"
trap 'rm -rf "$tools"' EXIT
ln -s "$(command -v clang)" "$tools/clang"
for linker in "$(dirname "$(command -v wasm-ld)")"/wasm-ld*; do
  ln -s "$linker" "$tools/$(basename "$linker")"
done

# --strip-debug drops wasi-libc's DWARF sections but keeps the name section.
cc=(env PATH="$tools" clang --target=wasm32-wasi --sysroot=/usr -O2 -Wall -Werror -Wl,--strip-debug -I"$here/include")

for source in "$here"/*.c; do
  name="$(basename "$source" .c)"
  case "$name" in
    exports)
      # A reactor: no _start, only exported functions (for weir run --invoke).
      "${cc[@]}" -mexec-model=reactor "$source" -o "$programs_out/$name.wasm" ;;
    *)
      "${cc[@]}" "$source" -o "$programs_out/$name.wasm" ;;
  esac
  echo "built $name.wasm"
done

"${cc[@]}" "$root/examples/hello/hello.c" -o "$hello_out/hello.wasm"
echo "built examples/hello/hello.wasm"
