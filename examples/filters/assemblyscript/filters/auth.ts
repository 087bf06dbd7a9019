// An external-authorization filter (root id "auth"; configuration = the auth upstream's name).
// Every request is paused while the filter asks the auth service (GET /check, with the request's
// authorization header). A 200 answer adds `added-header: authorized` and resumes the request;
// anything else (or a failed call) answers 403 with a local response.
export * from "@solo-io/proxy-runtime/proxy";
import {
  RootContext, Context, registerRootContext, FilterHeadersStatusValues, stream_context,
  send_local_response, continue_request, GrpcStatusValues, HeaderPair, Headers, log, LogLevelValues,
} from "@solo-io/proxy-runtime";

class AuthRoot extends RootContext {
  createContext(context_id: u32): Context {
    return new Auth(context_id, this);
  }
}

function pair(key: string, value: string): HeaderPair {
  return new HeaderPair(String.UTF8.encode(key), String.UTF8.encode(value));
}

function onAuthResponse(origin: Context, headers: u32, body_size: usize, trailers: u32): void {
  const status = headers == 0 ? "" : stream_context.headers.http_callback.get(":status");
  if (status == "200") {
    stream_context.headers.request.add("added-header", "authorized");
    continue_request();
    return;
  }
  log(LogLevelValues.info, "auth: denied (auth service answered '" + status + "')");
  const denied: Headers = [];
  denied.push(pair("content-type", "text/plain"));
  send_local_response(403, "denied by auth filter", String.UTF8.encode("forbidden\n"), denied, GrpcStatusValues.InvalidCode);
}

class Auth extends Context {
  constructor(context_id: u32, root_context: AuthRoot) {
    super(context_id, root_context);
  }

  onRequestHeaders(a: u32, end_of_stream: bool): FilterHeadersStatusValues {
    const headers: Headers = [];
    headers.push(pair(":method", "GET"));
    headers.push(pair(":path", "/check"));
    headers.push(pair(":authority", "auth"));
    headers.push(pair("authorization", stream_context.headers.request.get("authorization")));
    const trailers: Headers = [];
    const cluster = this.root_context.getConfiguration();
    const result = this.root_context.httpCall(cluster, headers, new ArrayBuffer(0), trailers, 1000, this, onAuthResponse);
    if (result != 0) {
      log(LogLevelValues.error, "auth: http call to '" + cluster + "' failed with status " + result.toString());
      send_local_response(403, "auth call failed", String.UTF8.encode("forbidden\n"), [], GrpcStatusValues.InvalidCode);
    }
    return FilterHeadersStatusValues.StopIteration;
  }
}

registerRootContext((context_id: u32) => { return new AuthRoot(context_id); }, "auth");
