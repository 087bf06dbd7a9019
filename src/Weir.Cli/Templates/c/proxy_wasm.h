/*
 * proxy_wasm.h: a small C binding of the proxy-wasm ABI (0.1.0, 0.2.0, 0.2.1) for filters built
 * with clang + wasi-libc:
 *
 *   clang --target=wasm32-wasi --sysroot=/usr -O2 -mexec-model=reactor \
 *         -DPROXY_WASM_ABI_0_2_1 -Wl,--export=malloc -Wl,--export=free filter.c -o filter.wasm
 *
 * Define exactly one of PROXY_WASM_ABI_0_1_0, PROXY_WASM_ABI_0_2_0 or PROXY_WASM_ABI_0_2_1 before
 * including it (0.2.1 when none is defined). The header declares the host functions of that
 * version (imports from "env") and exports the version's marker function; the filter exports the
 * callbacks it implements with PROXY_EXPORT.
 */
#ifndef PROXY_WASM_H
#define PROXY_WASM_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#if !defined(PROXY_WASM_ABI_0_1_0) && !defined(PROXY_WASM_ABI_0_2_0) && !defined(PROXY_WASM_ABI_0_2_1)
#define PROXY_WASM_ABI_0_2_1
#endif

#define PROXY_EXPORT(name) __attribute__((export_name(#name))) name
#define PROXY_IMPORT(name) __attribute__((import_module("env"), import_name(#name)))

/* ---- enumerations ---------------------------------------------------------------------------- */

typedef enum {
  PROXY_OK = 0,
  PROXY_NOT_FOUND = 1,
  PROXY_BAD_ARGUMENT = 2,
  PROXY_SERIALIZATION_FAILURE = 3,
  PROXY_PARSE_FAILURE = 4,
  PROXY_INVALID_MEMORY_ACCESS = 6,
  PROXY_EMPTY = 7,
  PROXY_CAS_MISMATCH = 8,
  PROXY_INTERNAL_FAILURE = 10,
  PROXY_BROKEN_CONNECTION = 11,
  PROXY_UNIMPLEMENTED = 12,
} proxy_status_t;

typedef enum {
  PROXY_LOG_TRACE = 0,
  PROXY_LOG_DEBUG = 1,
  PROXY_LOG_INFO = 2,
  PROXY_LOG_WARN = 3,
  PROXY_LOG_ERROR = 4,
  PROXY_LOG_CRITICAL = 5,
} proxy_log_level_t;

typedef enum {
  PROXY_ACTION_CONTINUE = 0,
  PROXY_ACTION_PAUSE = 1,
} proxy_action_t;

typedef enum {
  PROXY_MAP_REQUEST_HEADERS = 0,
  PROXY_MAP_REQUEST_TRAILERS = 1,
  PROXY_MAP_RESPONSE_HEADERS = 2,
  PROXY_MAP_RESPONSE_TRAILERS = 3,
  PROXY_MAP_GRPC_INITIAL_METADATA = 4,
  PROXY_MAP_GRPC_TRAILING_METADATA = 5,
  PROXY_MAP_HTTP_CALL_RESPONSE_HEADERS = 6,
  PROXY_MAP_HTTP_CALL_RESPONSE_TRAILERS = 7,
} proxy_map_type_t;

typedef enum {
  PROXY_BUFFER_REQUEST_BODY = 0,
  PROXY_BUFFER_RESPONSE_BODY = 1,
  PROXY_BUFFER_DOWNSTREAM_DATA = 2,
  PROXY_BUFFER_UPSTREAM_DATA = 3,
  PROXY_BUFFER_HTTP_CALL_RESPONSE_BODY = 4,
  PROXY_BUFFER_GRPC_CALL_MESSAGE = 5,
  PROXY_BUFFER_VM_CONFIGURATION = 6,
  PROXY_BUFFER_PLUGIN_CONFIGURATION = 7,
  PROXY_BUFFER_FOREIGN_FUNCTION_ARGUMENTS = 8,
} proxy_buffer_type_t;

typedef enum {
  PROXY_STREAM_REQUEST = 0,
  PROXY_STREAM_RESPONSE = 1,
  PROXY_STREAM_DOWNSTREAM = 2,
  PROXY_STREAM_UPSTREAM = 3,
} proxy_stream_type_t;

typedef enum {
  PROXY_METRIC_COUNTER = 0,
  PROXY_METRIC_GAUGE = 1,
  PROXY_METRIC_HISTOGRAM = 2,
} proxy_metric_type_t;

/* ---- host functions common to every version ---------------------------------------------------- */

PROXY_IMPORT(proxy_done) uint32_t proxy_done(void);
PROXY_IMPORT(proxy_set_effective_context) uint32_t proxy_set_effective_context(uint32_t context_id);
PROXY_IMPORT(proxy_log) uint32_t proxy_log(uint32_t level, const char *message, size_t message_size);
PROXY_IMPORT(proxy_get_current_time_nanoseconds) uint32_t proxy_get_current_time_nanoseconds(uint64_t *result);
PROXY_IMPORT(proxy_set_tick_period_milliseconds) uint32_t proxy_set_tick_period_milliseconds(uint32_t period);

PROXY_IMPORT(proxy_get_buffer_bytes)
uint32_t proxy_get_buffer_bytes(uint32_t type, uint32_t start, uint32_t max_size, char **result, size_t *result_size);
PROXY_IMPORT(proxy_set_buffer_bytes)
uint32_t proxy_set_buffer_bytes(uint32_t type, uint32_t start, uint32_t size, const char *value, size_t value_size);
PROXY_IMPORT(proxy_get_buffer_status)
uint32_t proxy_get_buffer_status(uint32_t type, size_t *size, uint32_t *flags);

PROXY_IMPORT(proxy_get_header_map_size) uint32_t proxy_get_header_map_size(uint32_t type, size_t *size);
PROXY_IMPORT(proxy_get_header_map_pairs) uint32_t proxy_get_header_map_pairs(uint32_t type, char **pairs, size_t *size);
PROXY_IMPORT(proxy_set_header_map_pairs) uint32_t proxy_set_header_map_pairs(uint32_t type, const char *pairs, size_t size);
PROXY_IMPORT(proxy_get_header_map_value)
uint32_t proxy_get_header_map_value(uint32_t type, const char *key, size_t key_size, char **value, size_t *value_size);
PROXY_IMPORT(proxy_add_header_map_value)
uint32_t proxy_add_header_map_value(uint32_t type, const char *key, size_t key_size, const char *value, size_t value_size);
PROXY_IMPORT(proxy_replace_header_map_value)
uint32_t proxy_replace_header_map_value(uint32_t type, const char *key, size_t key_size, const char *value, size_t value_size);
PROXY_IMPORT(proxy_remove_header_map_value)
uint32_t proxy_remove_header_map_value(uint32_t type, const char *key, size_t key_size);

PROXY_IMPORT(proxy_send_local_response)
uint32_t proxy_send_local_response(uint32_t status_code, const char *details, size_t details_size, const char *body,
                                   size_t body_size, const char *headers, size_t headers_size, int32_t grpc_status);
PROXY_IMPORT(proxy_get_status) uint32_t proxy_get_status(uint32_t *code, char **message, size_t *message_size);

PROXY_IMPORT(proxy_http_call)
uint32_t proxy_http_call(const char *upstream, size_t upstream_size, const char *headers, size_t headers_size,
                         const char *body, size_t body_size, const char *trailers, size_t trailers_size,
                         uint32_t timeout_ms, uint32_t *call_id);
PROXY_IMPORT(proxy_grpc_call)
uint32_t proxy_grpc_call(const char *upstream, size_t upstream_size, const char *service, size_t service_size,
                         const char *method, size_t method_size, const char *metadata, size_t metadata_size,
                         const char *message, size_t message_size, uint32_t timeout_ms, uint32_t *call_id);
PROXY_IMPORT(proxy_grpc_stream)
uint32_t proxy_grpc_stream(const char *upstream, size_t upstream_size, const char *service, size_t service_size,
                           const char *method, size_t method_size, const char *metadata, size_t metadata_size,
                           uint32_t *stream_id);
PROXY_IMPORT(proxy_grpc_send)
uint32_t proxy_grpc_send(uint32_t stream_id, const char *message, size_t message_size, uint32_t end_stream);
PROXY_IMPORT(proxy_grpc_cancel) uint32_t proxy_grpc_cancel(uint32_t id);
PROXY_IMPORT(proxy_grpc_close) uint32_t proxy_grpc_close(uint32_t id);

PROXY_IMPORT(proxy_set_shared_data)
uint32_t proxy_set_shared_data(const char *key, size_t key_size, const char *value, size_t value_size, uint32_t cas);
PROXY_IMPORT(proxy_get_shared_data)
uint32_t proxy_get_shared_data(const char *key, size_t key_size, char **value, size_t *value_size, uint32_t *cas);
PROXY_IMPORT(proxy_register_shared_queue)
uint32_t proxy_register_shared_queue(const char *name, size_t name_size, uint32_t *queue_id);
PROXY_IMPORT(proxy_resolve_shared_queue)
uint32_t proxy_resolve_shared_queue(const char *vm_id, size_t vm_id_size, const char *name, size_t name_size,
                                    uint32_t *queue_id);
PROXY_IMPORT(proxy_enqueue_shared_queue)
uint32_t proxy_enqueue_shared_queue(uint32_t queue_id, const char *value, size_t value_size);
PROXY_IMPORT(proxy_dequeue_shared_queue)
uint32_t proxy_dequeue_shared_queue(uint32_t queue_id, char **value, size_t *value_size);

PROXY_IMPORT(proxy_define_metric)
uint32_t proxy_define_metric(uint32_t type, const char *name, size_t name_size, uint32_t *metric_id);
PROXY_IMPORT(proxy_record_metric) uint32_t proxy_record_metric(uint32_t metric_id, uint64_t value);
PROXY_IMPORT(proxy_increment_metric) uint32_t proxy_increment_metric(uint32_t metric_id, int64_t delta);
PROXY_IMPORT(proxy_get_metric) uint32_t proxy_get_metric(uint32_t metric_id, uint64_t *value);

PROXY_IMPORT(proxy_get_property)
uint32_t proxy_get_property(const char *path, size_t path_size, char **value, size_t *value_size);
PROXY_IMPORT(proxy_set_property)
uint32_t proxy_set_property(const char *path, size_t path_size, const char *value, size_t value_size);
PROXY_IMPORT(proxy_call_foreign_function)
uint32_t proxy_call_foreign_function(const char *name, size_t name_size, const char *arguments, size_t arguments_size,
                                     char **result, size_t *result_size);

/* ---- version-specific host functions and the version marker ---------------------------------- */

#if defined(PROXY_WASM_ABI_0_1_0)
PROXY_IMPORT(proxy_get_configuration) uint32_t proxy_get_configuration(char **result, size_t *result_size);
PROXY_IMPORT(proxy_continue_request) uint32_t proxy_continue_request(void);
PROXY_IMPORT(proxy_continue_response) uint32_t proxy_continue_response(void);
PROXY_IMPORT(proxy_clear_route_cache) uint32_t proxy_clear_route_cache(void);
void PROXY_EXPORT(proxy_abi_version_0_1_0)(void) {}
#else
PROXY_IMPORT(proxy_continue_stream) uint32_t proxy_continue_stream(uint32_t stream_type);
PROXY_IMPORT(proxy_close_stream) uint32_t proxy_close_stream(uint32_t stream_type);
#if defined(PROXY_WASM_ABI_0_2_1)
PROXY_IMPORT(proxy_get_log_level) uint32_t proxy_get_log_level(uint32_t *level);
void PROXY_EXPORT(proxy_abi_version_0_2_1)(void) {}
#else
void PROXY_EXPORT(proxy_abi_version_0_2_0)(void) {}
#endif
#endif

/* ---- helpers ----------------------------------------------------------------------------------- */

static inline uint32_t proxy_log_string(proxy_log_level_t level, const char *message) {
  return proxy_log(level, message, strlen(message));
}

/* Resumes the request in every version (0.1.0 has its own function for it). */
static inline uint32_t proxy_resume_request(void) {
#if defined(PROXY_WASM_ABI_0_1_0)
  return proxy_continue_request();
#else
  return proxy_continue_stream(PROXY_STREAM_REQUEST);
#endif
}

/* Reads the plugin configuration inside proxy_on_configure (0.1.0 has its own function for it). */
static inline uint32_t proxy_read_plugin_configuration(size_t size, char **result, size_t *result_size) {
#if defined(PROXY_WASM_ABI_0_1_0)
  (void)size;
  return proxy_get_configuration(result, result_size);
#else
  return proxy_get_buffer_bytes(PROXY_BUFFER_PLUGIN_CONFIGURATION, 0, (uint32_t)size, result, result_size);
#endif
}

/* Reads the VM configuration inside proxy_on_vm_start (0.1.0 has its own function for it). */
static inline uint32_t proxy_read_vm_configuration(size_t size, char **result, size_t *result_size) {
#if defined(PROXY_WASM_ABI_0_1_0)
  (void)size;
  return proxy_get_configuration(result, result_size);
#else
  return proxy_get_buffer_bytes(PROXY_BUFFER_VM_CONFIGURATION, 0, (uint32_t)size, result, result_size);
#endif
}

/* Serialized header pairs (the ABI's map format) for up to PROXY_MAX_PAIRS pairs. */
#define PROXY_MAX_PAIRS 16
typedef struct {
  const char *keys[PROXY_MAX_PAIRS];
  const char *values[PROXY_MAX_PAIRS];
  uint32_t count;
} proxy_pairs_t;

static inline void proxy_pairs_add(proxy_pairs_t *pairs, const char *key, const char *value) {
  if (pairs->count < PROXY_MAX_PAIRS) {
    pairs->keys[pairs->count] = key;
    pairs->values[pairs->count] = value;
    pairs->count++;
  }
}

/* Writes the serialized form into buffer (of capacity bytes); returns its size, or 0 if it does not fit. */
static inline size_t proxy_pairs_serialize(const proxy_pairs_t *pairs, char *buffer, size_t capacity) {
  size_t size = 4 + 8 * (size_t)pairs->count;
  for (uint32_t i = 0; i < pairs->count; i++) {
    size += strlen(pairs->keys[i]) + 1 + strlen(pairs->values[i]) + 1;
  }
  if (size > capacity) {
    return 0;
  }
  uint32_t *header = (uint32_t *)buffer;
  header[0] = pairs->count;
  char *data = buffer + 4 + 8 * pairs->count;
  for (uint32_t i = 0; i < pairs->count; i++) {
    uint32_t key_size = (uint32_t)strlen(pairs->keys[i]);
    uint32_t value_size = (uint32_t)strlen(pairs->values[i]);
    header[1 + 2 * i] = key_size;
    header[2 + 2 * i] = value_size;
    memcpy(data, pairs->keys[i], key_size);
    data[key_size] = 0;
    data += key_size + 1;
    memcpy(data, pairs->values[i], value_size);
    data[value_size] = 0;
    data += value_size + 1;
  }
  return size;
}

#endif /* PROXY_WASM_H */
