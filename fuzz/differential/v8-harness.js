'use strict';
// Runs fuzz modules under V8 for the differential fuzzer (differential/V8Executor.cs).
// One process handles many modules: one JSON request per stdin line, one JSON observation per
// stdout line. The encoding of values, logs, traps and memory hashes, and what the imports do, must
// match differential/WeirExecutor.cs and differential/FuzzingSupport.cs exactly; the comparison
// happens on the C# side.
const fs = require('fs');
const readline = require('readline');

const f32 = new Float32Array(1);
const f32Bits = new Uint32Array(f32.buffer);
const f64 = new Float64Array(1);
const f64Bits = new BigUint64Array(f64.buffer);

function hex(value, digits) {
  return value.toString(16).padStart(digits, '0');
}

// Values travel as text: integers in decimal, floats as their bits in hex (NaN payloads are not
// comparable across engines, so every NaN is "nan"), references only as null or not.
function encode(type, value) {
  switch (type) {
    case 'i32': return String(value | 0);
    case 'i64': return BigInt.asIntN(64, value).toString();
    case 'f32':
      if (Number.isNaN(value)) return 'nan';
      f32[0] = value;
      return 'f32:' + hex(f32Bits[0], 8);
    case 'f64':
      if (Number.isNaN(value)) return 'nan';
      f64[0] = value;
      return 'f64:' + hex(f64Bits[0], 16);
    default: return value === null ? 'null' : 'ref';
  }
}

function decode(type, text) {
  switch (type) {
    case 'i32': return Number(text) | 0;
    case 'i64': return BigInt.asIntN(64, BigInt(text));
    case 'f32': f32Bits[0] = parseInt(text, 16); return f32[0];
    case 'f64': f64Bits[0] = BigInt('0x' + text); return f64[0];
    default: return null;
  }
}

// The zero of a type, as the host passes it when it calls a function itself.
function zero(type) {
  switch (type) {
    case 'i64': return 0n;
    case 'i32': case 'f32': case 'f64': return 0;
    case 'externref': return null;
    case 'funcref': return null;
    default: throw new TypeError('a ' + type + ' cannot cross to the host');
  }
}

// The same two-lane hash as MemoryDigest.cs, over little-endian 32-bit words.
function digest(memory) {
  if (!memory) return null;
  const words = new Int32Array(memory.buffer);
  let first = 0x811c9dc5 | 0;
  let second = 0x2545f491 | 0;
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    first = Math.imul(first ^ word, 0x01000193);
    second = (Math.imul(second, 31) + word) | 0;
  }
  const pages = memory.buffer.byteLength / 65536;
  return pages + ':' + hex(first >>> 0, 8) + hex(second >>> 0, 8);
}

function globalsOf(exports, globals) {
  return globals.map(g => g.name + '=' + encode(g.type, exports[g.name].value));
}

// Thrown when one call made more calls from the host into the guest than the request's
// hostCallsPerCall (FuzzingSupport.HostCallsPerCall): no host catch stops it, as on Weir's side.
class HostCallBudgetExhausted extends Error {}

function isStackOverflow(error) {
  return error instanceof RangeError && /call stack/.test(error.message);
}

// Trap messages are V8's; the C# side maps them to trap codes it accepts.
function failure(error) {
  if (error instanceof HostCallBudgetExhausted) return { kind: 'host-budget', message: error.message };
  if (error instanceof WebAssembly.RuntimeError) return { kind: 'trap', message: error.message };
  if (isStackOverflow(error)) return { kind: 'stack', message: error.message };
  if (error instanceof TypeError) return { kind: 'host', message: error.message };
  return { kind: 'other', message: String(error && error.stack || error) };
}

// binaryen's fuzzing-support imports. Calls the host makes itself pass zeros; a v128 anywhere in
// the signature fails as V8 fails it (TypeError), and so does anything the host cannot do.
function imports(request, logs, state) {
  const log = type => value => { logs.push(type + ' ' + encode(type, value)); };
  const hostFunctions = {
    'log-i32': log('i32'),
    'log-i64': log('i64'),
    'log-f32': log('f32'),
    'log-f64': log('f64'),
    // V8 refuses a v128 at a call from WebAssembly to JavaScript before this runs; a call from the
    // host itself (call-ref) gets the same TypeError here.
    'log-v128': () => { throw new TypeError('a v128 cannot cross to the host'); },
  };
  const callFunction = func => {
    if (++state.hostCalls > request.hostCallsPerCall) {
      throw new HostCallBudgetExhausted('more than ' + request.hostCallsPerCall + ' calls from the host in one call');
    }
    if (typeof func !== 'function') throw new TypeError('not a function');
    const params = func.fuzzParams || request.functions[Number(func.name)];
    if (!params) throw new TypeError('unknown function');
    func(...params.map(zero));
  };
  const exportedFunction = index => {
    if (!state.exports) throw new TypeError('no instance yet');
    const name = request.exportedFunctions[index >>> 0];
    if (name === undefined) throw new TypeError('no such export');
    return state.exports[name];
  };
  const table = () => {
    const t = state.exports && state.exports.table;
    if (!(t instanceof WebAssembly.Table)) throw new TypeError('no table');
    return t;
  };
  // A swallowed stack overflow is noted: stack depths differ between engines (CaughtStackExhaustion).
  const attempt = (thunk, rethrow) => {
    try {
      thunk();
    } catch (error) {
      if (rethrow || error instanceof HostCallBudgetExhausted) throw error;
      if (isStackOverflow(error)) state.caughtStackExhaustion = true;
    }
  };
  const attemptCatching = thunk => {
    try {
      thunk();
      return 0;
    } catch (error) {
      if (error instanceof HostCallBudgetExhausted) throw error;
      if (isStackOverflow(error)) state.caughtStackExhaustion = true;
      return 1;
    }
  };
  Object.assign(hostFunctions, {
    'call-export': (index, flags) => attempt(() => callFunction(exportedFunction(index)), flags & 1),
    'call-export-catch': index => attemptCatching(() => callFunction(exportedFunction(index))),
    'call-ref': (ref, flags) => attempt(() => callFunction(ref), flags & 1),
    'call-ref-catch': ref => attemptCatching(() => callFunction(ref)),
    'sleep': (ms, id) => id,
    'table-get': index => {
      const t = table();
      if ((index >>> 0) >= t.length) throw new TypeError('table index out of range');
      return t.get(index >>> 0);
    },
    'table-set': (index, value) => {
      const t = table();
      if ((index >>> 0) >= t.length) throw new TypeError('table index out of range');
      t.set(index >>> 0, value);
    },
  });
  for (const [name, params] of Object.entries(request.hostFunctions || {})) {
    if (hostFunctions[name]) hostFunctions[name].fuzzParams = params;
  }
  const result = { 'fuzzing-support': hostFunctions };
  // A v128 global cannot come from JavaScript: left out, it fails the link (so does Weir's side).
  for (const g of (request.importedGlobals || []).filter(g => g.type !== 'v128')) {
    const value = g.type === 'externref' ? 'extern' : zero(g.type);
    (result[g.module] = result[g.module] || {})[g.name] = g.mutable
      ? new WebAssembly.Global({ value: g.type === 'funcref' ? 'anyfunc' : g.type, mutable: true }, value)
      : value;
  }
  return result;
}

function run(request) {
  const logs = [];
  const state = { hostCalls: 0, caughtStackExhaustion: false };
  let module;
  try {
    module = new WebAssembly.Module(fs.readFileSync(request.module));
  } catch (error) {
    return { phase: 'compile-error', message: String(error.message) };
  }

  let instance;
  try {
    instance = new WebAssembly.Instance(module, imports(request, logs, state));
  } catch (error) {
    if (error instanceof WebAssembly.LinkError) return { phase: 'link-error', message: error.message };
    const { kind, message } = failure(error);
    return { phase: 'instantiate-failure', kind, message, logs, caughtStackExhaustion: state.caughtStackExhaustion };
  }

  const exports = instance.exports;
  state.exports = exports;
  const memory = exports[request.memory] instanceof WebAssembly.Memory ? exports[request.memory] : null;
  const globals = request.globals || [];
  const calls = [];
  const observation = {
    phase: 'instantiated',
    logs: logs.splice(0),
    memory: digest(memory),
    globals: globalsOf(exports, globals),
    caughtStackExhaustion: state.caughtStackExhaustion,
    calls,
  };
  for (const call of request.calls) {
    if (request.reset && typeof exports[request.reset] === 'function') {
      exports[request.reset]();
    }
    state.hostCalls = 0;
    state.caughtStackExhaustion = false;
    const args = call.params.map((type, i) => decode(type, call.args[i]));
    const entry = {};
    try {
      const result = exports[call.name](...args);
      const values = call.results.length === 1 ? [result] : call.results.length === 0 ? [] : Array.from(result);
      entry.outcome = 'return';
      entry.values = call.results.map((type, i) => encode(type, values[i]));
    } catch (error) {
      const { kind, message } = failure(error);
      entry.outcome = kind;
      entry.message = message;
    }
    entry.logs = logs.splice(0);
    entry.memory = digest(memory);
    entry.globals = globalsOf(exports, globals);
    entry.caughtStackExhaustion = state.caughtStackExhaustion;
    calls.push(entry);
  }
  return observation;
}

const lines = readline.createInterface({ input: process.stdin, terminal: false });
lines.on('line', line => {
  if (line.trim() === '') return;
  let response;
  try {
    response = run(JSON.parse(line));
  } catch (error) {
    response = { phase: 'harness-error', message: String(error && error.stack || error) };
  }
  process.stdout.write(JSON.stringify(response) + '\n');
});
