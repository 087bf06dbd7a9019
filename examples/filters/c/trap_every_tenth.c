/*
 * trap_every_tenth.c: traps (wasm `unreachable`) on every tenth request its VM sees and adds
 * `x-request-number: N` to the others. Shows the host's failure policy: the trapping stream fails
 * (503 when fail closed, unfiltered when fail open) and the VM is replaced, so the count restarts.
 */
#include "proxy_wasm.h"

static uint32_t requests;

uint32_t PROXY_EXPORT(proxy_on_request_headers)(uint32_t context_id, uint32_t headers, uint32_t end_of_stream) {
  (void)context_id;
  (void)headers;
  (void)end_of_stream;
  requests++;
  if (requests % 10 == 0) {
    proxy_log_string(PROXY_LOG_WARN, "tenth request: trapping on purpose");
    __builtin_trap();
  }
  char number[12];
  int length = 0;
  char digits[12];
  uint32_t value = requests;
  do {
    digits[length++] = (char)('0' + value % 10);
    value /= 10;
  } while (value != 0);
  for (int i = 0; i < length; i++) {
    number[i] = digits[length - 1 - i];
  }
  proxy_add_header_map_value(PROXY_MAP_REQUEST_HEADERS, "x-request-number", 16, number, (size_t)length);
  return PROXY_ACTION_CONTINUE;
}
