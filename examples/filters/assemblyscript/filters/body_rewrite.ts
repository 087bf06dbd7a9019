// A body-rewriting filter (root id "body_rewrite"; configuration = "from|to"). It buffers each
// response body to its end, replaces every occurrence of `from` with `to`, and drops the now wrong
// content-length header.
export * from "@solo-io/proxy-runtime/proxy";
import {
  RootContext, Context, registerRootContext, FilterHeadersStatusValues, FilterDataStatusValues, stream_context,
  log, LogLevelValues,
} from "@solo-io/proxy-runtime";
import { get_buffer_bytes, BufferTypeValues } from "@solo-io/proxy-runtime/runtime";

// proxy-runtime 0.1.8 binds no working proxy_set_buffer_bytes, so declare the import here.
// @ts-ignore: decorator
@external("env", "proxy_set_buffer_bytes")
declare function proxy_set_buffer_bytes(typ: i32, start: u32, length: u32, data: usize, size: usize): u32;

class BodyRewriteRoot extends RootContext {
  createContext(context_id: u32): Context {
    return new BodyRewrite(context_id, this);
  }
}

class BodyRewrite extends Context {
  constructor(context_id: u32, root_context: BodyRewriteRoot) {
    super(context_id, root_context);
  }

  onResponseHeaders(a: u32, end_of_stream: bool): FilterHeadersStatusValues {
    stream_context.headers.response.remove("content-length");
    return FilterHeadersStatusValues.Continue;
  }

  onResponseBody(body_buffer_length: usize, end_of_stream: bool): FilterDataStatusValues {
    if (!end_of_stream) {
      return FilterDataStatusValues.StopIterationAndBuffer;
    }
    const rule = this.root_context.getConfiguration().split("|");
    if (rule.length != 2 || rule[0].length == 0) {
      log(LogLevelValues.warn, "body_rewrite: configuration must be 'from|to'");
      return FilterDataStatusValues.Continue;
    }
    const body = String.UTF8.decode(get_buffer_bytes(BufferTypeValues.HttpResponseBody, 0, body_buffer_length as u32));
    const rewritten = String.UTF8.encode(body.replaceAll(rule[0], rule[1]));
    proxy_set_buffer_bytes(BufferTypeValues.HttpResponseBody, 0, body_buffer_length as u32, changetype<usize>(rewritten), rewritten.byteLength);
    return FilterDataStatusValues.Continue;
  }
}

registerRootContext((context_id: u32) => { return new BodyRewriteRoot(context_id); }, "body_rewrite");
