// A timer filter (root id "tick"; configuration = the tick period in milliseconds, 100 when empty).
// The root context counts its ticks; each request carries the count so far in `x-ticks`.
export * from "@solo-io/proxy-runtime/proxy";
import {
  RootContext, Context, registerRootContext, FilterHeadersStatusValues, stream_context,
  log, LogLevelValues,
} from "@solo-io/proxy-runtime";
import { set_tick_period_milliseconds } from "@solo-io/proxy-runtime/runtime";

class TickRoot extends RootContext {
  ticks: u32 = 0;

  onConfigure(configuration_size: u32): bool {
    super.onConfigure(configuration_size);
    const configured = this.getConfiguration();
    const period = configured.length == 0 ? 100 : I32.parseInt(configured);
    set_tick_period_milliseconds(period as u32);
    return true;
  }

  onTick(): void {
    this.ticks++;
    log(LogLevelValues.info, "tick " + this.ticks.toString());
  }

  createContext(context_id: u32): Context {
    return new ReportTicks(context_id, this);
  }
}

class ReportTicks extends Context {
  constructor(context_id: u32, root_context: TickRoot) {
    super(context_id, root_context);
  }

  onRequestHeaders(a: u32, end_of_stream: bool): FilterHeadersStatusValues {
    const root = changetype<TickRoot>(this.root_context);
    stream_context.headers.request.add("x-ticks", root.ticks.toString());
    return FilterHeadersStatusValues.Continue;
  }
}

registerRootContext((context_id: u32) => { return new TickRoot(context_id); }, "tick");
