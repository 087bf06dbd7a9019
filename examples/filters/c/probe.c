/*
 * probe.c: a conformance probe for proxy-wasm hosts. It is a hostcall interpreter: the VM
 * configuration holds a script (built by the Weir.ProxyWasm tests) that says, for each callback,
 * which host functions to call with which arguments and what the callback returns. The probe logs
 * every callback it receives and the status and out-values of every call, so a test can check the
 * exact statuses a host returns, including for bad arguments and out-of-bounds pointers.
 *
 * Built once per ABI version (see ../build.sh); PROBE_HEADER_EOS selects 3-parameter header
 * callbacks for 0.1.0 (what C++ SDK and TinyGo modules with the 0.1.0 marker export).
 *
 * Script layout (little-endian, unaligned):
 *   "PRB1"
 *   u32 blob_count, then per blob: u32 size, size bytes
 *   u32 program_count, then per program: u32 callback, u32 occurrence (0xFFFFFFFF = every time),
 *       u32 result (what the callback returns), u32 instruction_count, instructions:
 *     1 call:  u8 function, u8 argument_count, per argument: u8 kind, u64 value
 *     2 dump:  u8 pointer_slot, u8 size_slot   (logs the bytes at slot[pointer] of length slot[size])
 *     3 trap
 *     4 spin   (loops forever)
 *   argument kinds: 0 immediate, 1 blob pointer, 2 blob size, 3 pointer to a slot (zeroed first),
 *                   4 the u32 value of a slot, 5 a context id (0 current, 1 root, 2 latest stream)
 */
#include "proxy_wasm.h"

#include <stdlib.h>

#if defined(PROXY_WASM_ABI_0_1_0) && !defined(PROBE_HEADER_EOS)
#define PROBE_HEADER_ARITY 2
#else
#define PROBE_HEADER_ARITY 3
#endif

enum {
  CB_ROOT_CONTEXT_CREATE = 0, CB_VM_START = 1, CB_CONFIGURE = 2, CB_STREAM_CONTEXT_CREATE = 3,
  CB_REQUEST_HEADERS = 4, CB_REQUEST_BODY = 5, CB_REQUEST_TRAILERS = 6, CB_RESPONSE_HEADERS = 7,
  CB_RESPONSE_BODY = 8, CB_RESPONSE_TRAILERS = 9, CB_LOG = 10, CB_DONE = 11, CB_DELETE = 12, CB_TICK = 13,
  CB_QUEUE_READY = 14, CB_HTTP_CALL_RESPONSE = 15, CB_FOREIGN_FUNCTION = 16, CB_ROOT_DONE = 17,
  CB_ROOT_DELETE = 18, CB_COUNT = 19,
};

static const char *const callback_names[CB_COUNT] = {
  "root_context_create", "vm_start", "configure", "stream_context_create", "request_headers", "request_body",
  "request_trailers", "response_headers", "response_body", "response_trailers", "log", "done", "delete", "tick",
  "queue_ready", "http_call_response", "foreign_function", "root_done", "root_delete",
};

#define SLOT_COUNT 32
static uint64_t slots[SLOT_COUNT];
static uint32_t occurrences[CB_COUNT];
static uint32_t root_context_id;
static uint32_t latest_stream_id;
static uint32_t current_context_id;

static const uint8_t *script;
static size_t script_size;
#define MAX_BLOBS 64
static const uint8_t *blob_data[MAX_BLOBS];
static uint32_t blob_sizes[MAX_BLOBS];
static uint32_t blob_count;
static const uint8_t *programs_start;
static uint32_t program_count;

/* ---- a tiny log line builder (no printf: keeps the module small) ---- */

static char line[8192];
static size_t line_length;

static void put(const char *text) {
  size_t size = strlen(text);
  if (line_length + size < sizeof line) {
    memcpy(line + line_length, text, size);
    line_length += size;
  }
}

static void put_unsigned(uint64_t value) {
  char digits[24];
  int count = 0;
  do {
    digits[count++] = (char)('0' + value % 10);
    value /= 10;
  } while (value != 0);
  char text[24];
  for (int i = 0; i < count; i++) {
    text[i] = digits[count - 1 - i];
  }
  text[count] = 0;
  put(text);
}

static void put_hex(const uint8_t *bytes, size_t size) {
  static const char hex[] = "0123456789abcdef";
  for (size_t i = 0; i < size && line_length + 2 < sizeof line; i++) {
    line[line_length++] = hex[bytes[i] >> 4];
    line[line_length++] = hex[bytes[i] & 15];
  }
}

static void flush(void) {
  proxy_log(PROXY_LOG_INFO, line, line_length);
  line_length = 0;
}

/* ---- script reading ---- */

static uint32_t read_u32(const uint8_t **cursor) {
  uint32_t value;
  memcpy(&value, *cursor, 4);
  *cursor += 4;
  return value;
}

static uint64_t read_u64(const uint8_t **cursor) {
  uint64_t value;
  memcpy(&value, *cursor, 8);
  *cursor += 8;
  return value;
}

static void load_script(const uint8_t *data, size_t size) {
  if (size < 12 || memcmp(data, "PRB1", 4) != 0) {
    proxy_log_string(PROXY_LOG_INFO, "probe no-script");
    return;
  }
  script = data;
  script_size = size;
  const uint8_t *cursor = data + 4;
  blob_count = read_u32(&cursor);
  for (uint32_t i = 0; i < blob_count && i < MAX_BLOBS; i++) {
    blob_sizes[i] = read_u32(&cursor);
    blob_data[i] = cursor;
    cursor += blob_sizes[i];
  }
  program_count = read_u32(&cursor);
  programs_start = cursor;
}

static uint32_t argument_value(uint8_t kind, uint64_t value, uint64_t *wide) {
  switch (kind) {
    case 0: *wide = value; return (uint32_t)value;
    case 1: return (uint32_t)(uintptr_t)blob_data[value];
    case 2: return blob_sizes[value];
    case 3: slots[value] = 0; return (uint32_t)(uintptr_t)&slots[value];
    case 4: return (uint32_t)slots[value];
    case 5: return value == 0 ? current_context_id : value == 1 ? root_context_id : latest_stream_id;
    default: return 0;
  }
}

static uint32_t call_host(uint8_t function, const uint32_t *a, const uint64_t *w, int *known) {
  *known = 1;
  switch (function) {
    case 0: return proxy_done();
    case 1: return proxy_set_effective_context(a[0]);
    case 2: return proxy_log(a[0], (const char *)a[1], a[2]);
#if defined(PROXY_WASM_ABI_0_2_1)
    case 3: return proxy_get_log_level((uint32_t *)a[0]);
#endif
    case 4: return proxy_get_current_time_nanoseconds((uint64_t *)a[0]);
    case 5: return proxy_set_tick_period_milliseconds(a[0]);
#if defined(PROXY_WASM_ABI_0_1_0)
    case 6: return proxy_get_configuration((char **)a[0], (size_t *)a[1]);
#endif
    case 7: return proxy_get_buffer_bytes(a[0], a[1], a[2], (char **)a[3], (size_t *)a[4]);
    case 8: return proxy_set_buffer_bytes(a[0], a[1], a[2], (const char *)a[3], a[4]);
    case 9: return proxy_get_buffer_status(a[0], (size_t *)a[1], (uint32_t *)a[2]);
    case 10: return proxy_get_header_map_size(a[0], (size_t *)a[1]);
    case 11: return proxy_get_header_map_pairs(a[0], (char **)a[1], (size_t *)a[2]);
    case 12: return proxy_set_header_map_pairs(a[0], (const char *)a[1], a[2]);
    case 13: return proxy_get_header_map_value(a[0], (const char *)a[1], a[2], (char **)a[3], (size_t *)a[4]);
    case 14: return proxy_add_header_map_value(a[0], (const char *)a[1], a[2], (const char *)a[3], a[4]);
    case 15: return proxy_replace_header_map_value(a[0], (const char *)a[1], a[2], (const char *)a[3], a[4]);
    case 16: return proxy_remove_header_map_value(a[0], (const char *)a[1], a[2]);
#if !defined(PROXY_WASM_ABI_0_1_0)
    case 17: return proxy_continue_stream(a[0]);
    case 18: return proxy_close_stream(a[0]);
#else
    case 19: return proxy_continue_request();
    case 20: return proxy_continue_response();
    case 21: return proxy_clear_route_cache();
#endif
    case 22:
      return proxy_send_local_response(a[0], (const char *)a[1], a[2], (const char *)a[3], a[4], (const char *)a[5],
                                       a[6], (int32_t)a[7]);
    case 23: return proxy_get_status((uint32_t *)a[0], (char **)a[1], (size_t *)a[2]);
    case 24:
      return proxy_http_call((const char *)a[0], a[1], (const char *)a[2], a[3], (const char *)a[4], a[5],
                             (const char *)a[6], a[7], a[8], (uint32_t *)a[9]);
    case 25:
      return proxy_grpc_call((const char *)a[0], a[1], (const char *)a[2], a[3], (const char *)a[4], a[5],
                             (const char *)a[6], a[7], (const char *)a[8], a[9], a[10], (uint32_t *)a[11]);
    case 26:
      return proxy_grpc_stream((const char *)a[0], a[1], (const char *)a[2], a[3], (const char *)a[4], a[5],
                               (const char *)a[6], a[7], (uint32_t *)a[8]);
    case 27: return proxy_grpc_send(a[0], (const char *)a[1], a[2], a[3]);
    case 28: return proxy_grpc_cancel(a[0]);
    case 29: return proxy_grpc_close(a[0]);
    case 30: return proxy_set_shared_data((const char *)a[0], a[1], (const char *)a[2], a[3], a[4]);
    case 31: return proxy_get_shared_data((const char *)a[0], a[1], (char **)a[2], (size_t *)a[3], (uint32_t *)a[4]);
    case 32: return proxy_register_shared_queue((const char *)a[0], a[1], (uint32_t *)a[2]);
    case 33: return proxy_resolve_shared_queue((const char *)a[0], a[1], (const char *)a[2], a[3], (uint32_t *)a[4]);
    case 34: return proxy_enqueue_shared_queue(a[0], (const char *)a[1], a[2]);
    case 35: return proxy_dequeue_shared_queue(a[0], (char **)a[1], (size_t *)a[2]);
    case 36: return proxy_define_metric(a[0], (const char *)a[1], a[2], (uint32_t *)a[3]);
    case 37: return proxy_record_metric(a[0], w[1]);
    case 38: return proxy_increment_metric(a[0], (int64_t)w[1]);
    case 39: return proxy_get_metric(a[0], (uint64_t *)a[1]);
    case 40: return proxy_get_property((const char *)a[0], a[1], (char **)a[2], (size_t *)a[3]);
    case 41: return proxy_set_property((const char *)a[0], a[1], (const char *)a[2], a[3]);
    case 42:
      return proxy_call_foreign_function((const char *)a[0], a[1], (const char *)a[2], a[3], (char **)a[4],
                                         (size_t *)a[5]);
    default: *known = 0; return 0;
  }
}

static volatile uint32_t spin_counter;

/* Runs the program for this occurrence of the callback; returns its result, or fallback without one. */
static uint32_t run(int callback, uint32_t fallback) {
  uint32_t occurrence = occurrences[callback]++;
  if (script == 0) {
    return fallback;
  }
  const uint8_t *cursor = programs_start;
  for (uint32_t p = 0; p < program_count; p++) {
    uint32_t program_callback = read_u32(&cursor);
    uint32_t program_occurrence = read_u32(&cursor);
    uint32_t result = read_u32(&cursor);
    uint32_t instruction_count = read_u32(&cursor);
    int selected = program_callback == (uint32_t)callback &&
                   (program_occurrence == 0xFFFFFFFFu || program_occurrence == occurrence);
    for (uint32_t i = 0; i < instruction_count; i++) {
      uint8_t op = *cursor++;
      if (op == 1) {
        uint8_t function = *cursor++;
        uint8_t argument_count = *cursor++;
        uint32_t arguments[16] = {0};
        uint64_t wide[16] = {0};
        uint8_t out_slots[16];
        int out_count = 0;
        for (uint8_t a = 0; a < argument_count; a++) {
          uint8_t kind = *cursor++;
          uint64_t value = read_u64(&cursor);
          if (selected && a < 16) {
            arguments[a] = argument_value(kind, value, &wide[a]);
            if (kind == 3) {
              out_slots[out_count++] = (uint8_t)value;
            }
          }
        }
        if (!selected) {
          continue;
        }
        int known;
        uint32_t status = call_host(function, arguments, wide, &known);
        put("probe call ");
        put(callback_names[callback]);
        put(" ");
        put_unsigned(i);
        put(" fn=");
        put_unsigned(function);
        if (!known) {
          put(" unsupported");
        } else {
          put(" status=");
          put_unsigned(status);
          for (int o = 0; o < out_count; o++) {
            put(" s");
            put_unsigned(out_slots[o]);
            put("=");
            put_unsigned(slots[out_slots[o]]);
          }
        }
        flush();
      } else if (op == 2) {
        uint8_t pointer_slot = *cursor++;
        uint8_t size_slot = *cursor++;
        if (!selected) {
          continue;
        }
        put("probe dump ");
        put(callback_names[callback]);
        put(" ");
        put_unsigned(i);
        put(" ");
        size_t size = (size_t)slots[size_slot];
        put_hex((const uint8_t *)(uintptr_t)slots[pointer_slot], size > 2048 ? 2048 : size);
        flush();
      } else if (op == 3) {
        if (selected) {
          __builtin_trap();
        }
      } else if (op == 4) {
        if (selected) {
          for (;;) {
            spin_counter++;
          }
        }
      }
    }
    if (selected) {
      return result;
    }
  }
  return fallback;
}

static void enter(int callback, int argument_count, uint32_t a, uint32_t b, uint32_t c) {
  put("probe enter ");
  put(callback_names[callback]);
  uint32_t values[3] = {a, b, c};
  for (int i = 0; i < argument_count; i++) {
    put(" ");
    put_unsigned(values[i]);
  }
  flush();
}

/* ---- allocator exports ---- */

#if defined(PROXY_WASM_ABI_0_2_1)
/* 0.2.1 builds also export the spec's allocator, which hosts should prefer over malloc. */
void *PROXY_EXPORT(proxy_on_memory_allocate)(size_t size) { return malloc(size); }
#endif

/* ---- callbacks ---- */

void PROXY_EXPORT(proxy_on_context_create)(uint32_t context_id, uint32_t parent_id) {
  current_context_id = context_id;
  if (parent_id == 0) {
    root_context_id = context_id;
    enter(CB_ROOT_CONTEXT_CREATE, 2, context_id, parent_id, 0);
  } else {
    latest_stream_id = context_id;
    enter(CB_STREAM_CONTEXT_CREATE, 2, context_id, parent_id, 0);
    run(CB_STREAM_CONTEXT_CREATE, 0);
  }
}

uint32_t PROXY_EXPORT(proxy_on_vm_start)(uint32_t root_id, uint32_t configuration_size) {
  current_context_id = root_id;
  enter(CB_VM_START, 2, root_id, configuration_size, 0);
  if (configuration_size > 0) {
    char *configuration = 0;
    size_t size = 0;
    uint32_t status = proxy_read_vm_configuration(configuration_size, &configuration, &size);
    if (status == PROXY_OK) {
      load_script((const uint8_t *)configuration, size);
    }
  }
  return run(CB_VM_START, 1);
}

uint32_t PROXY_EXPORT(proxy_on_configure)(uint32_t root_id, uint32_t configuration_size) {
  current_context_id = root_id;
  enter(CB_CONFIGURE, 2, root_id, configuration_size, 0);
  return run(CB_CONFIGURE, 1);
}

#if PROBE_HEADER_ARITY == 3
uint32_t PROXY_EXPORT(proxy_on_request_headers)(uint32_t context_id, uint32_t headers, uint32_t end_of_stream) {
  current_context_id = context_id;
  enter(CB_REQUEST_HEADERS, 3, context_id, headers, end_of_stream);
  return run(CB_REQUEST_HEADERS, 0);
}

uint32_t PROXY_EXPORT(proxy_on_response_headers)(uint32_t context_id, uint32_t headers, uint32_t end_of_stream) {
  current_context_id = context_id;
  enter(CB_RESPONSE_HEADERS, 3, context_id, headers, end_of_stream);
  return run(CB_RESPONSE_HEADERS, 0);
}
#else
uint32_t PROXY_EXPORT(proxy_on_request_headers)(uint32_t context_id, uint32_t headers) {
  current_context_id = context_id;
  enter(CB_REQUEST_HEADERS, 2, context_id, headers, 0);
  return run(CB_REQUEST_HEADERS, 0);
}

uint32_t PROXY_EXPORT(proxy_on_response_headers)(uint32_t context_id, uint32_t headers) {
  current_context_id = context_id;
  enter(CB_RESPONSE_HEADERS, 2, context_id, headers, 0);
  return run(CB_RESPONSE_HEADERS, 0);
}
#endif

uint32_t PROXY_EXPORT(proxy_on_request_body)(uint32_t context_id, uint32_t size, uint32_t end_of_stream) {
  current_context_id = context_id;
  enter(CB_REQUEST_BODY, 3, context_id, size, end_of_stream);
  return run(CB_REQUEST_BODY, 0);
}

uint32_t PROXY_EXPORT(proxy_on_request_trailers)(uint32_t context_id, uint32_t trailers) {
  current_context_id = context_id;
  enter(CB_REQUEST_TRAILERS, 2, context_id, trailers, 0);
  return run(CB_REQUEST_TRAILERS, 0);
}

uint32_t PROXY_EXPORT(proxy_on_response_body)(uint32_t context_id, uint32_t size, uint32_t end_of_stream) {
  current_context_id = context_id;
  enter(CB_RESPONSE_BODY, 3, context_id, size, end_of_stream);
  return run(CB_RESPONSE_BODY, 0);
}

uint32_t PROXY_EXPORT(proxy_on_response_trailers)(uint32_t context_id, uint32_t trailers) {
  current_context_id = context_id;
  enter(CB_RESPONSE_TRAILERS, 2, context_id, trailers, 0);
  return run(CB_RESPONSE_TRAILERS, 0);
}

void PROXY_EXPORT(proxy_on_log)(uint32_t context_id) {
  current_context_id = context_id;
  enter(CB_LOG, 1, context_id, 0, 0);
  run(CB_LOG, 0);
}

uint32_t PROXY_EXPORT(proxy_on_done)(uint32_t context_id) {
  current_context_id = context_id;
  int callback = context_id == root_context_id ? CB_ROOT_DONE : CB_DONE;
  enter(callback, 1, context_id, 0, 0);
  return run(callback, 1);
}

void PROXY_EXPORT(proxy_on_delete)(uint32_t context_id) {
  current_context_id = context_id;
  int callback = context_id == root_context_id ? CB_ROOT_DELETE : CB_DELETE;
  enter(callback, 1, context_id, 0, 0);
  run(callback, 0);
}

void PROXY_EXPORT(proxy_on_tick)(uint32_t root_id) {
  current_context_id = root_id;
  enter(CB_TICK, 1, root_id, 0, 0);
  run(CB_TICK, 0);
}

void PROXY_EXPORT(proxy_on_queue_ready)(uint32_t root_id, uint32_t queue_id) {
  current_context_id = root_id;
  enter(CB_QUEUE_READY, 2, root_id, queue_id, 0);
  run(CB_QUEUE_READY, 0);
}

void PROXY_EXPORT(proxy_on_http_call_response)(uint32_t root_id, uint32_t call_id, uint32_t headers, uint32_t body_size,
                                               uint32_t trailers) {
  current_context_id = root_id;
  put("probe enter http_call_response ");
  put_unsigned(root_id);
  put(" ");
  put_unsigned(call_id);
  put(" ");
  put_unsigned(headers);
  put(" ");
  put_unsigned(body_size);
  put(" ");
  put_unsigned(trailers);
  flush();
  run(CB_HTTP_CALL_RESPONSE, 0);
}

#if !defined(PROXY_WASM_ABI_0_1_0)
void PROXY_EXPORT(proxy_on_foreign_function)(uint32_t root_id, uint32_t function_id, uint32_t arguments_size) {
  current_context_id = root_id;
  enter(CB_FOREIGN_FUNCTION, 3, root_id, function_id, arguments_size);
  run(CB_FOREIGN_FUNCTION, 0);
}
#endif
