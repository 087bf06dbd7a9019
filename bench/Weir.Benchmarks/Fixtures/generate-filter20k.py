#!/usr/bin/env python3
"""Writes filter20k.wat: a module of about 20 KB with the shape of a real filter (many small
functions, exports, a table with an element segment, data, a mutable global)."""
FUNCTIONS = 290
lines = ["(module", "  (memory (export \"memory\") 2)", "  (global $counter (mut i32) (i32.const 0))",
         "  (table 64 funcref)"]
for i in range(FUNCTIONS):
    lines.append(f"  (func $f{i} (export \"f{i}\") (param $a i32) (param $b i32) (result i32) (local $t i32)")
    lines.append(f"    (local.set $t (i32.mul (local.get $a) (i32.const {i * 7 + 3})))")
    lines.append("    (if (i32.gt_s (local.get $t) (local.get $b)) (then (local.set $t (i32.sub (local.get $t) (local.get $b)))))")
    lines.append(f"    (i32.store (i32.const {i * 4}) (local.get $t))")
    lines.append("    (global.set $counter (i32.add (global.get $counter) (i32.const 1)))")
    lines.append(f"    (i32.add (local.get $t) (i32.load (i32.const {(i * 4 + 8) % 4096}))))")
lines.append("  (elem (i32.const 0) " + " ".join(f"$f{i}" for i in range(64)) + ")")
data = "".join(f"\\{(i * 37) % 256:02x}" for i in range(2048))
lines.append(f"  (data (i32.const 8192) \"{data}\")")
lines.append(")")
with open("filter20k.wat", "w") as output:
    output.write("\n".join(lines) + "\n")
