// A request counter (root id "request_counter") kept in shared data, so every VM with the same
// vm_id adds to one count. Each request increments the u64 under the key "request_count" with a
// compare-and-swap loop (retrying on CAS_MISMATCH) and carries the new value in `x-request-count`.
//
// The ABI has no "create if absent": a write with cas 0 is unconditional, so two VMs that both
// found the key missing would both write 1 and lose a count. The key is therefore created when
// the plugin is configured, which the host does for a plugin's first VM before it serves any
// request; VMs started later find the key and leave it alone, and every increment is a real CAS.
export * from "@solo-io/proxy-runtime/proxy";
import { RootContext, Context, registerRootContext, FilterHeadersStatusValues, stream_context, log, LogLevelValues } from "@solo-io/proxy-runtime";
import * as imports from "@solo-io/proxy-runtime/imports";
import { free } from "@solo-io/proxy-runtime/malloc";

const OK: u32 = 0;
const NOT_FOUND: u32 = 1;
const CAS_MISMATCH: u32 = 8;

const key = String.UTF8.encode("request_count");
// Out-parameters of proxy_get_shared_data: value pointer, value size, cas.
const out = new ArrayBuffer(12);
const value = new ArrayBuffer(8);

// Increments the shared count; returns the new value, or 0 when the host refused.
function incrementSharedCount(): u64 {
  const outPtr = changetype<usize>(out);
  for (let attempt = 0; attempt < 16; attempt++) {
    let current: u64 = 0;
    let cas: u32 = 0;
    const status = imports.proxy_get_shared_data(changetype<usize>(key), key.byteLength, outPtr, outPtr + 4, outPtr + 8);
    if (status == OK) {
      const dataPtr = load<u32>(outPtr);
      if (load<u32>(outPtr + 4) == 8) {
        current = load<u64>(dataPtr);
      }
      cas = load<u32>(outPtr + 8);
      free(dataPtr);
    } else if (status != NOT_FOUND) {
      log(LogLevelValues.error, "request_counter: get_shared_data failed with " + status.toString());
      return 0;
    }
    store<u64>(changetype<usize>(value), current + 1);
    const result = imports.proxy_set_shared_data(changetype<usize>(key), key.byteLength, changetype<usize>(value), 8, cas);
    if (result == OK) {
      return current + 1;
    }
    if (result != CAS_MISMATCH) {
      log(LogLevelValues.error, "request_counter: set_shared_data failed with " + result.toString());
      return 0;
    }
  }
  return 0;
}

// Creates the key with the count 0 unless a VM of this vm_id already did; false when the host refused.
function createSharedCountIfMissing(): bool {
  const outPtr = changetype<usize>(out);
  const status = imports.proxy_get_shared_data(changetype<usize>(key), key.byteLength, outPtr, outPtr + 4, outPtr + 8);
  if (status == OK) {
    free(load<u32>(outPtr));
    return true;
  }
  if (status != NOT_FOUND) {
    log(LogLevelValues.error, "request_counter: get_shared_data failed with " + status.toString());
    return false;
  }
  store<u64>(changetype<usize>(value), 0);
  return imports.proxy_set_shared_data(changetype<usize>(key), key.byteLength, changetype<usize>(value), 8, 0) == OK;
}

class CounterRoot extends RootContext {
  onConfigure(configuration_size: u32): bool {
    return super.onConfigure(configuration_size) && createSharedCountIfMissing();
  }

  createContext(context_id: u32): Context {
    return new CountRequests(context_id, this);
  }
}

class CountRequests extends Context {
  constructor(context_id: u32, root_context: CounterRoot) {
    super(context_id, root_context);
  }

  onRequestHeaders(a: u32, end_of_stream: bool): FilterHeadersStatusValues {
    const count = incrementSharedCount();
    stream_context.headers.request.add("x-request-count", count.toString());
    return FilterHeadersStatusValues.Continue;
  }
}

registerRootContext((context_id: u32) => { return new CounterRoot(context_id); }, "request_counter");
