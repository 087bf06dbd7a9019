;; Calls back into the host, with a memory the host reads.
(module
  (import "env" "add" (func $add (param i32 i32) (result i32)))
  (import "env" "log" (func $log (param i32 i32)))
  (import "env" "fail" (func $fail))
  (memory (export "memory") 1)
  (data (i32.const 16) "hello from wasm")
  (func (export "sum") (param i32 i32 i32) (result i32)
    (call $add (call $add (local.get 0) (local.get 1)) (local.get 2)))
  (func (export "greet") (call $log (i32.const 16) (i32.const 15)))
  (func $inner (export "call_fail") (call $fail))
  (func (export "multi") (param i32) (result i32 i64 f64)
    (local.get 0) (i64.extend_i32_s (local.get 0)) (f64.convert_i32_s (local.get 0)))
)
