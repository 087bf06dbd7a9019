;; Call and memory micro-benchmarks: each export loops a fixed number of times.
(module
  (import "host" "increment" (func $increment (param i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func (export "call_host") (param $count i32) (result i32) (local $value i32)
    (loop $next
      (local.set $value (call $increment (local.get $value)))
      (br_if $next (i32.lt_u (local.get $value) (local.get $count))))
    (local.get $value))
  (func (export "sum_memory") (param $count i32) (result i32) (local $i i32) (local $sum i32)
    (loop $next
      (local.set $sum (i32.add (local.get $sum) (i32.load (i32.and (i32.shl (local.get $i) (i32.const 2)) (i32.const 0xFFFC)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $next (i32.lt_u (local.get $i) (local.get $count))))
    (local.get $sum))
)
