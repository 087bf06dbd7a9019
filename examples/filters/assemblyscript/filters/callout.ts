// A lookup filter (root id "callout"; configuration = the lookup upstream's name). It pauses each
// request, asks the lookup service `GET /lookup?path=<request path>`, copies the answer's body into
// the request header `x-lookup`, and resumes the request.
export * from "@solo-io/proxy-runtime/proxy";
import {
  RootContext, Context, registerRootContext, FilterHeadersStatusValues, stream_context,
  continue_request, HeaderPair, Headers,
} from "@solo-io/proxy-runtime";
import { get_buffer_bytes, BufferTypeValues } from "@solo-io/proxy-runtime/runtime";

class CalloutRoot extends RootContext {
  createContext(context_id: u32): Context {
    return new Callout(context_id, this);
  }
}

function pair(key: string, value: string): HeaderPair {
  return new HeaderPair(String.UTF8.encode(key), String.UTF8.encode(value));
}

function onLookupResponse(origin: Context, headers: u32, body_size: usize, trailers: u32): void {
  let answer = "unavailable";
  if (headers != 0) {
    answer = String.UTF8.decode(get_buffer_bytes(BufferTypeValues.HttpCallResponseBody, 0, body_size as u32));
  }
  stream_context.headers.request.add("x-lookup", answer);
  continue_request();
}

class Callout extends Context {
  constructor(context_id: u32, root_context: CalloutRoot) {
    super(context_id, root_context);
  }

  onRequestHeaders(a: u32, end_of_stream: bool): FilterHeadersStatusValues {
    const headers: Headers = [];
    headers.push(pair(":method", "GET"));
    headers.push(pair(":path", "/lookup?path=" + stream_context.headers.request.get(":path")));
    headers.push(pair(":authority", "lookup"));
    const trailers: Headers = [];
    this.root_context.httpCall(this.root_context.getConfiguration(), headers, new ArrayBuffer(0), trailers, 2000, this, onLookupResponse);
    return FilterHeadersStatusValues.StopIteration;
  }
}

registerRootContext((context_id: u32) => { return new CalloutRoot(context_id); }, "callout");
