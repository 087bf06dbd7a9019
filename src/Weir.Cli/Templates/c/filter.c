/*
 * {{name}}: a proxy-wasm filter that adds a header to every response.
 *
 * Root id: "{{root_id}}" (FILTER_ROOT_ID below; a proxy that names another root id is refused).
 * Configuration (optional JSON): {"header": "x-weir-filter", "value": "hello from {{name}}"}
 * Without a configuration the filter adds `x-weir-filter: hello from {{name}}`.
 * Build: ./build.sh (or weir build .), which writes build/filter.wasm.
 */
#include <stdlib.h>

#include "proxy_wasm.h"

#define FILTER_ROOT_ID "{{root_id}}"

static char header_name[128] = "x-weir-filter";
static char header_value[512] = "hello from {{name}}";

static void log_error(const char *message) { proxy_log_string(PROXY_LOG_ERROR, message); }

/* ---- a small reader for flat JSON objects of strings (other values are skipped) -------------- */

typedef struct {
  const char *text;
  size_t size;
  size_t position;
} json_reader_t;

static int json_peek(const json_reader_t *reader) {
  return reader->position < reader->size ? (unsigned char)reader->text[reader->position] : -1;
}

static void json_skip_space(json_reader_t *reader) {
  int c = json_peek(reader);
  while (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
    reader->position++;
    c = json_peek(reader);
  }
}

static int json_take(json_reader_t *reader, char expected) {
  if (json_peek(reader) != expected) {
    return 0;
  }
  reader->position++;
  return 1;
}

/* Reads a string literal into out (NUL-terminated); returns 0 when it is malformed or too long. */
static int json_read_string(json_reader_t *reader, char *out, size_t capacity) {
  size_t length = 0;
  if (!json_take(reader, '"')) {
    return 0;
  }
  while (reader->position < reader->size) {
    char c = reader->text[reader->position++];
    if (c == '"') {
      out[length] = 0;
      return 1;
    }
    if (c == '\\') {
      if (reader->position >= reader->size) {
        return 0;
      }
      char escape = reader->text[reader->position++];
      switch (escape) {
        case 'n': c = '\n'; break;
        case 't': c = '\t'; break;
        case 'r': c = '\r'; break;
        case '"': case '\\': case '/': c = escape; break;
        default: return 0; /* \uXXXX is not needed for header names and values */
      }
    }
    if (length + 1 >= capacity) {
      return 0;
    }
    out[length++] = c;
  }
  return 0;
}

/* Numbers, true, false and null; nested objects and arrays are not supported by this reader. */
static int json_skip_scalar(json_reader_t *reader) {
  size_t start = reader->position;
  int c = json_peek(reader);
  while (c != -1 && c != ',' && c != '}' && c != ' ' && c != '\t' && c != '\n' && c != '\r') {
    if (c == '{' || c == '[' || c == '"') {
      return 0;
    }
    reader->position++;
    c = json_peek(reader);
  }
  return reader->position > start;
}

/* Applies {"header": ..., "value": ...}; returns 0 (configuration rejected) when it is not valid. */
static int apply_configuration(const char *text, size_t size) {
  json_reader_t reader = {text, size, 0};
  char key[32];
  char value[sizeof header_value];
  json_skip_space(&reader);
  if (reader.position == size) {
    return 1; /* empty: keep the defaults */
  }
  if (!json_take(&reader, '{')) {
    return 0;
  }
  json_skip_space(&reader);
  if (json_take(&reader, '}')) {
    json_skip_space(&reader);
    return reader.position == size;
  }
  for (;;) {
    json_skip_space(&reader);
    if (!json_read_string(&reader, key, sizeof key)) {
      return 0;
    }
    json_skip_space(&reader);
    if (!json_take(&reader, ':')) {
      return 0;
    }
    json_skip_space(&reader);
    if (json_peek(&reader) == '"') {
      if (!json_read_string(&reader, value, sizeof value)) {
        return 0;
      }
      if (strcmp(key, "header") == 0) {
        if (value[0] == 0 || strlen(value) >= sizeof header_name) {
          return 0;
        }
        for (char *c = value; *c; c++) {
          if (*c >= 'A' && *c <= 'Z') {
            *c = (char)(*c - 'A' + 'a');
          }
        }
        strcpy(header_name, value);
      } else if (strcmp(key, "value") == 0) {
        strcpy(header_value, value);
      }
    } else if (!json_skip_scalar(&reader)) {
      return 0;
    }
    json_skip_space(&reader);
    if (json_take(&reader, ',')) {
      continue;
    }
    if (!json_take(&reader, '}')) {
      return 0;
    }
    json_skip_space(&reader);
    return reader.position == size;
  }
}

/* ---- proxy-wasm callbacks ---------------------------------------------------------------------- */

/* Refuses to run under another root id, as the SDKs do (an empty root id means "the default"). */
static int root_id_matches(void) {
  char *root_id = NULL;
  size_t size = 0;
  if (proxy_get_property("plugin_root_id", sizeof "plugin_root_id" - 1, &root_id, &size) != PROXY_OK) {
    return 1;
  }
  int matches = size == 0 || (size == strlen(FILTER_ROOT_ID) && memcmp(root_id, FILTER_ROOT_ID, size) == 0);
  free(root_id);
  return matches;
}

uint32_t PROXY_EXPORT(proxy_on_configure)(uint32_t root_context_id, uint32_t configuration_size) {
  (void)root_context_id;
  if (!root_id_matches()) {
    log_error("{{name}}: this module's root id is \"" FILTER_ROOT_ID "\"; configure the proxy with it");
    return 0;
  }
  if (configuration_size == 0) {
    return 1;
  }
  char *configuration = NULL;
  size_t size = 0;
  if (proxy_read_plugin_configuration(configuration_size, &configuration, &size) != PROXY_OK) {
    log_error("{{name}}: cannot read the plugin configuration");
    return 0;
  }
  int valid = apply_configuration(configuration, size);
  free(configuration);
  if (!valid) {
    log_error("{{name}}: the configuration must be a JSON object of strings, e.g. {\"header\": \"x-weir-filter\", \"value\": \"hello\"}");
  }
  return (uint32_t)valid;
}

uint32_t PROXY_EXPORT(proxy_on_response_headers)(uint32_t context_id, uint32_t header_count, uint32_t end_of_stream) {
  (void)context_id;
  (void)header_count;
  (void)end_of_stream;
  proxy_add_header_map_value(PROXY_MAP_RESPONSE_HEADERS, header_name, strlen(header_name), header_value,
                             strlen(header_value));
  return PROXY_ACTION_CONTINUE;
}
