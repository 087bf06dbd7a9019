;; The least guest code a header filter can have (proxy-wasm ABI 0.2.1): it adds "hello: world!" to the
;; request and to the response headers and does nothing else, so a benchmark of a whole exchange through
;; it measures the proxy-wasm host's own cost per exchange (the AssemblyScript example filter doing the
;; same spends most of its time in its SDK). Rebuild: ./build.sh (wat2wasm from wabt).
(module
  (import "env" "proxy_add_header_map_value" (func $add_header (param i32 i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "helloworld!")
  (global $next (mut i32) (i32.const 1024))

  (func (export "proxy_abi_version_0_2_1"))

  ;; A bump allocator that never frees: the host only asks for memory when it returns data to the guest,
  ;; which this filter never requests.
  (func (export "proxy_on_memory_allocate") (param $size i32) (result i32)
    (local $at i32)
    (local.set $at (global.get $next))
    (global.set $next (i32.add (local.get $at) (local.get $size)))
    (local.get $at))

  (func (export "proxy_on_context_create") (param i32 i32))
  (func (export "proxy_on_vm_start") (param i32 i32) (result i32) (i32.const 1))
  (func (export "proxy_on_configure") (param i32 i32) (result i32) (i32.const 1))

  ;; Map type 0 is the request headers, 2 the response headers.
  (func (export "proxy_on_request_headers") (param i32 i32 i32) (result i32)
    (drop (call $add_header (i32.const 0) (i32.const 16) (i32.const 5) (i32.const 21) (i32.const 6)))
    (i32.const 0))
  (func (export "proxy_on_response_headers") (param i32 i32 i32) (result i32)
    (drop (call $add_header (i32.const 2) (i32.const 16) (i32.const 5) (i32.const 21) (i32.const 6)))
    (i32.const 0))

  (func (export "proxy_on_log") (param i32))
  (func (export "proxy_on_done") (param i32) (result i32) (i32.const 1))
  (func (export "proxy_on_delete") (param i32))
)
