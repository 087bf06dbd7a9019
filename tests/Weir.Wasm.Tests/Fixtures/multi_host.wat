;; An untyped host function with two results, used by the guest.
(module
  (import "env" "split" (func $split (param i32) (result i32 i64)))
  (func (export "use") (param i32) (result i64)
    (local $second i64)
    (call $split (local.get 0))
    (local.set $second)
    (i64.extend_i32_s)
    (i64.add (local.get $second)))
)
