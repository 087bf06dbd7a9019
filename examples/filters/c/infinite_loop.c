/*
 * infinite_loop.c: never returns from proxy_on_request_headers when the request path is /spin.
 * Other requests pass. Shows that the host's per-callback time limit stops a runaway filter.
 */
#include "proxy_wasm.h"

#include <stdlib.h>

static volatile uint64_t iterations;

uint32_t PROXY_EXPORT(proxy_on_request_headers)(uint32_t context_id, uint32_t headers, uint32_t end_of_stream) {
  (void)context_id;
  (void)headers;
  (void)end_of_stream;
  char *path = 0;
  size_t path_size = 0;
  if (proxy_get_header_map_value(PROXY_MAP_REQUEST_HEADERS, ":path", 5, &path, &path_size) == PROXY_OK) {
    int spin = path_size == 5 && memcmp(path, "/spin", 5) == 0;
    free(path);
    if (spin) {
      for (;;) {
        iterations++;
      }
    }
  }
  return PROXY_ACTION_CONTINUE;
}
