// Drives a proxy-wasm HTTP filter's guest code under V8 with stub hostcalls, the reference that
// bench/guest-filter/run compares Weir's figures with (Weir's driver is Weir.GuestFilter/Program.cs
// and must stay equivalent: same imports, same sequence, same checksum).
//   node --no-warnings guest-filter.mjs MODULE.wasm ROOT_ID WARMUP EXCHANGES RUNS
// Prints one JSON line: microseconds per exchange for each timed run, and a checksum of what the
// guest did (log calls and bytes, headers added) so that the two engines can be seen to agree.
import { readFile } from 'node:fs/promises';

const [modulePath, rootId, warmupText, exchangesText, runsText] = process.argv.slice(2);
if (runsText === undefined) {
  console.error('usage: guest-filter.mjs MODULE.wasm ROOT_ID WARMUP EXCHANGES RUNS');
  process.exit(2);
}
const warmup = Number(warmupText);
const exchanges = Number(exchangesText);
const runs = Number(runsText);

const Ok = 0;
const NotFound = 1;
const PluginConfiguration = 7;
const ResponseHeaders = 2;
const rootIdBytes = new TextEncoder().encode(rootId);
const configuration = new Uint8Array(0);
const counters = { logCalls: 0, logBytes: 0, headersAdded: 0, lastHeader: '' };
let instance;

const view = () => new DataView(instance.exports.memory.buffer);
const bytes = () => new Uint8Array(instance.exports.memory.buffer);

// Hands bytes to the guest the way a proxy-wasm host does: one allocation from the guest's
// malloc holding exactly the data (proxy-runtime 0.1.8 takes the length from the block header),
// its address and size written to the out-pointers.
function returnBytes(data, pointerOut, sizeOut) {
  const address = instance.exports.malloc(data.length);
  bytes().set(data, address);
  const memory = view();
  memory.setUint32(pointerOut, address, true);
  memory.setUint32(sizeOut, data.length, true);
  return Ok;
}

const imports = {
  env: {
    proxy_log(level, pointer, length) {
      counters.logCalls++;
      counters.logBytes += length;
      return Ok;
    },
    proxy_get_property(pathPointer, pathLength, pointerOut, sizeOut) {
      const path = new TextDecoder().decode(bytes().subarray(pathPointer, pathPointer + pathLength));
      return path === 'plugin_root_id' ? returnBytes(rootIdBytes, pointerOut, sizeOut) : NotFound;
    },
    proxy_get_buffer_bytes(type, start, maxSize, pointerOut, sizeOut) {
      return type === PluginConfiguration ? returnBytes(configuration, pointerOut, sizeOut) : NotFound;
    },
    proxy_set_effective_context() {
      return Ok;
    },
    proxy_add_header_map_value(type, keyPointer, keyLength, valuePointer, valueLength) {
      if (type !== ResponseHeaders) {
        throw new Error(`header added to map ${type}`);
      }
      counters.headersAdded++;
      if (counters.headersAdded === 1) {
        const decoder = new TextDecoder();
        counters.lastHeader = decoder.decode(bytes().subarray(keyPointer, keyPointer + keyLength)) + ': ' +
          decoder.decode(bytes().subarray(valuePointer, valuePointer + valueLength));
      }
      return Ok;
    },
  },
  wasi_unstable: {
    proc_exit(code) {
      throw new Error(`proc_exit(${code})`);
    },
  },
};

({ instance } = await WebAssembly.instantiate(await readFile(modulePath), imports));
const e = instance.exports;
const rootContext = 1;
e.proxy_on_context_create(rootContext, 0);
if (e.proxy_on_vm_start(rootContext, 0) !== 1 || e.proxy_on_configure(rootContext, configuration.length) !== 1) {
  throw new Error('the root context did not start');
}

let nextContext = 2;
function exchange() {
  const id = nextContext++;
  e.proxy_on_context_create(id, rootContext);
  let actions = e.proxy_on_request_headers(id, 4, 1);
  actions |= e.proxy_on_response_headers(id, 4, 0);
  actions |= e.proxy_on_response_body(id, 13, 1);
  e.proxy_on_log(id);
  e.proxy_on_done(id);
  e.proxy_on_delete(id);
  if (actions !== 0) {
    throw new Error(`exchange ${id} paused (${actions})`);
  }
}

for (let i = 0; i < warmup; i++) {
  exchange();
}
const perExchange = [];
for (let run = 0; run < runs; run++) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < exchanges; i++) {
    exchange();
  }
  perExchange.push(Number(process.hrtime.bigint() - start) / 1000 / exchanges);
}
const total = warmup + exchanges * runs;
console.log(JSON.stringify({
  engine: 'v8',
  microsecondsPerExchange: perExchange,
  checksum: `${counters.logCalls} log calls, ${counters.logBytes} log bytes, ${counters.headersAdded} headers added in ${total} exchanges, first "${counters.lastHeader}", memory ${instance.exports.memory.buffer.byteLength} bytes`,
}));
