;; A proxy-wasm filter (ABI 0.2.1) written for the gateway tests: it buffers each request body to its
;; end (StopIterationAndBuffer), then upper-cases its ASCII letters and puts it back, so the upstream
;; gets a body of the same length but different bytes. Rebuild: ./build.sh (wat2wasm from wabt).
(module
  (import "env" "proxy_get_buffer_bytes" (func $get_buffer (param i32 i32 i32 i32 i32) (result i32)))
  (import "env" "proxy_set_buffer_bytes" (func $set_buffer (param i32 i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  ;; A bump allocator from 1024 up; [0, 16) holds the pointer and size the host writes back.
  (global $next (mut i32) (i32.const 1024))

  (func (export "proxy_abi_version_0_2_1"))

  (func (export "proxy_on_memory_allocate") (param $size i32) (result i32)
    (local $at i32)
    (local $end i32)
    (local.set $at (global.get $next))
    (local.set $end (i32.add (local.get $at) (local.get $size)))
    (if (i32.gt_u (local.get $end) (i32.mul (memory.size) (i32.const 65536)))
      (then
        (if (i32.eq
              (memory.grow (i32.add (i32.shr_u (i32.sub (local.get $end) (i32.mul (memory.size) (i32.const 65536))) (i32.const 16)) (i32.const 1)))
              (i32.const -1))
          (then (unreachable)))))
    (global.set $next (local.get $end))
    (local.get $at))

  (func (export "proxy_on_context_create") (param i32 i32))
  (func (export "proxy_on_vm_start") (param i32 i32) (result i32) (i32.const 1))
  (func (export "proxy_on_configure") (param i32 i32) (result i32) (i32.const 1))

  (func (export "proxy_on_request_body") (param $context i32) (param $size i32) (param $end_of_stream i32) (result i32)
    (local $data i32)
    (local $length i32)
    (local $i i32)
    (local $byte i32)
    ;; Guest memory is only used within one callback (the host holds the buffered body), so every
    ;; callback can allocate from the start again.
    (global.set $next (i32.const 1024))
    (if (i32.eqz (local.get $end_of_stream))
      (then (return (i32.const 1))))   ;; StopIterationAndBuffer: see the whole body at its end
    (if (i32.eqz (local.get $size))
      (then (return (i32.const 0))))
    ;; HttpRequestBody is buffer type 0.
    (if (call $get_buffer (i32.const 0) (i32.const 0) (local.get $size) (i32.const 0) (i32.const 4))
      (then (unreachable)))
    (local.set $data (i32.load (i32.const 0)))
    (local.set $length (i32.load (i32.const 4)))
    (block $done
      (loop $bytes
        (br_if $done (i32.ge_u (local.get $i) (local.get $length)))
        (local.set $byte (i32.load8_u (i32.add (local.get $data) (local.get $i))))
        (if (i32.and (i32.ge_u (local.get $byte) (i32.const 97)) (i32.le_u (local.get $byte) (i32.const 122)))
          (then (i32.store8 (i32.add (local.get $data) (local.get $i)) (i32.sub (local.get $byte) (i32.const 32)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $bytes)))
    (if (call $set_buffer (i32.const 0) (i32.const 0) (local.get $size) (local.get $data) (local.get $length))
      (then (unreachable)))
    (i32.const 0))
)
