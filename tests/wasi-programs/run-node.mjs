// Runs a WASI command module under Node's own WASI (node:wasi, preview 1), as the reference the
// test programs are compared against:
//   node --no-warnings run-node.mjs [--dir HOST::GUEST]... [--env NAME=VALUE]... MODULE.wasm [-- ARGS...]
// argv[0] is the module's file name (what `weir run` passes), stdin/stdout/stderr are this process's,
// and the process exits with the program's exit code.
import { WASI } from 'node:wasi';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';

const preopens = {};
const env = {};
let module;
const args = [];
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const token = argv[i];
  if (module === undefined && token === '--dir') {
    const value = argv[++i] ?? '';
    const separator = value.indexOf('::');
    const host = separator < 0 ? value : value.slice(0, separator);
    const guest = separator < 0 ? value : value.slice(separator + 2);
    preopens[guest] = host;
  } else if (module === undefined && token === '--env') {
    const value = argv[++i] ?? '';
    const separator = value.indexOf('=');
    if (separator <= 0) {
      console.error(`run-node: --env needs NAME=VALUE, got '${value}'`);
      process.exit(2);
    }
    env[value.slice(0, separator)] = value.slice(separator + 1);
  } else if (module === undefined) {
    module = token;
  } else if (token === '--' && args.length === 0) {
    // Separates the program's arguments, as with weir run.
  } else {
    args.push(token);
  }
}

if (module === undefined) {
  console.error('usage: node run-node.mjs [--dir HOST::GUEST]... [--env NAME=VALUE]... MODULE.wasm [-- ARGS...]');
  process.exit(2);
}

const wasi = new WASI({ version: 'preview1', args: [basename(module), ...args], env, preopens, returnOnExit: true });
const compiled = await WebAssembly.compile(await readFile(module));
const instance = await WebAssembly.instantiate(compiled, wasi.getImportObject());
process.exitCode = wasi.start(instance);
