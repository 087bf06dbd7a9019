/*
 * memory_hog.c: on a request to /grow, allocates (and touches) 1 MiB blocks until the allocator
 * fails, then aborts as SDKs do when they run out of memory. Other requests pass. Shows that the
 * host's per-plugin memory limit stops the guest without harming the host.
 */
#include "proxy_wasm.h"

#include <stdlib.h>

struct block {
  struct block *next;
  char bytes[(1 << 20) - sizeof(struct block *)];
};

static struct block *blocks;

uint32_t PROXY_EXPORT(proxy_on_request_headers)(uint32_t context_id, uint32_t headers, uint32_t end_of_stream) {
  (void)context_id;
  (void)headers;
  (void)end_of_stream;
  char *path = 0;
  size_t path_size = 0;
  if (proxy_get_header_map_value(PROXY_MAP_REQUEST_HEADERS, ":path", 5, &path, &path_size) != PROXY_OK) {
    return PROXY_ACTION_CONTINUE;
  }
  int grow = path_size == 5 && memcmp(path, "/grow", 5) == 0;
  free(path);
  if (!grow) {
    return PROXY_ACTION_CONTINUE;
  }
  for (;;) {
    struct block *block = malloc(sizeof(struct block));
    if (block == 0) {
      proxy_log_string(PROXY_LOG_CRITICAL, "out of memory");
      abort();
    }
    memset(block->bytes, 0x5a, sizeof block->bytes);
    block->next = blocks;
    blocks = block;
  }
}
