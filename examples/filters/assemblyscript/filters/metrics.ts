// A metrics filter (root id "metrics"). It defines a counter of requests, a gauge of requests in
// flight and a histogram of response body sizes, and tells each request how many requests came
// before it (`x-requests-before`, read back with proxy_get_metric).
export * from "@solo-io/proxy-runtime/proxy";
import {
  RootContext, Context, registerRootContext, FilterHeadersStatusValues, FilterDataStatusValues, stream_context,
  Counter, Gauge, Histogram,
} from "@solo-io/proxy-runtime";
import * as imports from "@solo-io/proxy-runtime/imports";

const metricValue = new ArrayBuffer(8);

class MetricsRoot extends RootContext {
  requests: Counter;
  inFlight: Gauge;
  responseBodyBytes: Histogram;

  constructor(context_id: u32) {
    super(context_id);
    this.requests = new Counter("example_requests_total");
    this.inFlight = new Gauge("example_requests_in_flight");
    this.responseBodyBytes = new Histogram("example_response_body_bytes");
  }

  createContext(context_id: u32): Context {
    return new RecordMetrics(context_id, this);
  }
}

class RecordMetrics extends Context {
  responseBytes: u64 = 0;

  constructor(context_id: u32, root_context: MetricsRoot) {
    super(context_id, root_context);
  }

  onRequestHeaders(a: u32, end_of_stream: bool): FilterHeadersStatusValues {
    const root = changetype<MetricsRoot>(this.root_context);
    const valuePtr = changetype<usize>(metricValue);
    if (imports.proxy_get_metric(root.requests.metric_id, valuePtr) == 0) {
      stream_context.headers.request.add("x-requests-before", load<u64>(valuePtr).toString());
    }
    root.requests.increment(1);
    root.inFlight.increment(1);
    return FilterHeadersStatusValues.Continue;
  }

  onResponseBody(body_buffer_length: usize, end_of_stream: bool): FilterDataStatusValues {
    this.responseBytes += body_buffer_length;
    return FilterDataStatusValues.Continue;
  }

  onLog(): void {
    const root = changetype<MetricsRoot>(this.root_context);
    imports.proxy_record_metric(root.responseBodyBytes.metric_id, this.responseBytes);
    root.inFlight.increment(-1);
  }
}

registerRootContext((context_id: u32) => { return new MetricsRoot(context_id); }, "metrics");
