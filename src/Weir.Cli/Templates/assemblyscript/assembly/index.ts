// {{name}}: a proxy-wasm filter that adds a header to every response.
//
// Root id: "{{root_id}}" (the proxy selects this filter's root context by it).
// Configuration (optional JSON): {"header": "x-weir-filter", "value": "hello from {{name}}"}
// Without a configuration the filter adds `x-weir-filter: hello from {{name}}`.
export * from "@solo-io/proxy-runtime/proxy"; // the functions the proxy calls (proxy_on_*)
import {
  RootContext, Context, registerRootContext, FilterHeadersStatusValues, stream_context, log, LogLevelValues,
} from "@solo-io/proxy-runtime";

class FilterRoot extends RootContext {
  header: string = "x-weir-filter";
  value: string = "hello from {{name}}";

  // Called with each new plugin configuration; returning false rejects it (the proxy keeps the filter out).
  onConfigure(configuration_size: u32): bool {
    if (!super.onConfigure(configuration_size)) {
      return false;
    }
    const configuration = this.getConfiguration().trim();
    if (configuration.length == 0) {
      return true;
    }
    const reader = new JsonStringFields(configuration);
    if (!reader.parse()) {
      log(LogLevelValues.error, "{{name}}: the configuration must be a JSON object of strings, e.g. {\"header\": \"x-weir-filter\", \"value\": \"hello\"}");
      return false;
    }
    if (reader.has("header")) {
      const header = reader.get("header");
      if (header.length == 0) {
        log(LogLevelValues.error, "{{name}}: \"header\" must not be empty");
        return false;
      }
      this.header = header.toLowerCase();
    }
    if (reader.has("value")) {
      this.value = reader.get("value");
    }
    return true;
  }

  createContext(context_id: u32): Context {
    return new AddHeader(context_id, this);
  }
}

class AddHeader extends Context {
  private readonly settings: FilterRoot;

  constructor(context_id: u32, root_context: FilterRoot) {
    super(context_id, root_context);
    this.settings = root_context;
  }

  onResponseHeaders(header_count: u32, end_of_stream: bool): FilterHeadersStatusValues {
    stream_context.headers.response.add(this.settings.header, this.settings.value);
    return FilterHeadersStatusValues.Continue;
  }
}

// A small reader for flat JSON objects whose values are strings (other values are skipped), so the
// template needs no JSON library. Replace it with a full parser when the configuration grows.
class JsonStringFields {
  private keys: string[] = [];
  private values: string[] = [];
  private position: i32 = 0;
  private failed: bool = false;

  constructor(private text: string) {}

  // Reads the whole text; false when it is not such an object.
  parse(): bool {
    this.skipSpace();
    if (!this.take(0x7b /* { */)) {
      return false;
    }
    this.skipSpace();
    if (this.take(0x7d /* } */)) {
      return this.atEnd();
    }
    while (true) {
      this.skipSpace();
      const key = this.readString();
      this.skipSpace();
      if (this.failed || !this.take(0x3a /* : */)) {
        return false;
      }
      this.skipSpace();
      if (this.peek() == 0x22 /* " */) {
        const value = this.readString();
        if (this.failed) {
          return false;
        }
        this.keys.push(key);
        this.values.push(value);
      } else if (!this.skipScalar()) {
        return false;
      }
      this.skipSpace();
      if (!this.take(0x2c /* , */)) {
        return this.take(0x7d /* } */) && this.atEnd();
      }
    }
    return false;
  }

  has(key: string): bool {
    return this.keys.includes(key);
  }

  get(key: string): string {
    const index = this.keys.indexOf(key);
    return index < 0 ? "" : this.values[index];
  }

  private peek(): i32 {
    return this.position < this.text.length ? this.text.charCodeAt(this.position) : -1;
  }

  private take(code: i32): bool {
    if (this.peek() != code) {
      return false;
    }
    this.position++;
    return true;
  }

  private atEnd(): bool {
    this.skipSpace();
    return this.position == this.text.length;
  }

  private skipSpace(): void {
    while (true) {
      const code = this.peek();
      if (code != 0x20 && code != 0x09 && code != 0x0a && code != 0x0d) {
        return;
      }
      this.position++;
    }
  }

  // Numbers, true, false and null: nested objects and arrays are not supported by this reader.
  private skipScalar(): bool {
    const start = this.position;
    while (true) {
      const code = this.peek();
      if (code == -1 || code == 0x2c || code == 0x7d || code == 0x20 || code == 0x09 || code == 0x0a || code == 0x0d) {
        break;
      }
      if (code == 0x7b || code == 0x5b || code == 0x22) {
        return false;
      }
      this.position++;
    }
    return this.position > start;
  }

  // Reads a string literal; sets `failed` (and returns "") when there is none or it is malformed.
  private readString(): string {
    if (!this.take(0x22 /* " */)) {
      this.failed = true;
      return "";
    }
    let result = "";
    while (this.position < this.text.length) {
      const code = this.text.charCodeAt(this.position++);
      if (code == 0x22) {
        return result;
      }
      if (code != 0x5c /* \ */) {
        result += String.fromCharCode(code);
        continue;
      }
      if (this.position >= this.text.length) {
        break;
      }
      const escape = this.text.charCodeAt(this.position++);
      if (escape == 0x6e /* n */) {
        result += "\n";
      } else if (escape == 0x74 /* t */) {
        result += "\t";
      } else if (escape == 0x72 /* r */) {
        result += "\r";
      } else if (escape == 0x75 /* u */) {
        if (this.position + 4 > this.text.length) {
          break;
        }
        const code = I32.parseInt(this.text.substr(this.position, 4), 16);
        this.position += 4;
        result += String.fromCharCode(code);
      } else if (escape == 0x22 || escape == 0x5c || escape == 0x2f) {
        result += String.fromCharCode(escape);
      } else {
        break;
      }
    }
    this.failed = true;
    return "";
  }
}

registerRootContext((context_id: u32) => { return new FilterRoot(context_id); }, "{{root_id}}");
