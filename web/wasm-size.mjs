#!/usr/bin/env node
// Where the bytes of the WASM module go: reads a module linked with --profiling-funcs (function
// names kept; web/build.sh --size-report makes one) and lists code by origin and by function,
// raw and gzip -9 (each group compressed alone, so the parts add up to a bit more than the whole).
//   node web/wasm-size.mjs build/wasm-product/bindings/shopper-segments-core-names.wasm [TOP]

import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const SECTION = { import: 2, code: 10, data: 11, custom: 0 };

function readModule(bytes) {
  let pos = 8;
  const leb = () => {
    let result = 0;
    let shift = 0;
    let byte;
    do {
      byte = bytes[pos++];
      result += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return result;
  };
  const skipLimits = () => {
    const flags = bytes[pos++];
    leb();
    if (flags & 1) leb();
  };
  let importedFunctions = 0;
  const bodies = [];
  const names = new Map();
  let data = new Uint8Array();
  while (pos < bytes.length) {
    const id = bytes[pos++];
    const size = leb();
    const start = pos;
    if (id === SECTION.import) {
      for (let n = leb(); n > 0; n--) {
        const moduleLength = leb();
        pos += moduleLength;
        const fieldLength = leb();
        pos += fieldLength;
        const kind = bytes[pos++];
        if (kind === 0) {
          leb();
          importedFunctions++;
        } else if (kind === 1) {
          pos++;
          skipLimits();
        } else if (kind === 2) {
          skipLimits();
        } else {
          pos += 2;
        }
      }
    } else if (id === SECTION.code) {
      for (let n = leb(); n > 0; n--) {
        const length = leb();
        bodies.push(bytes.subarray(pos, pos + length));
        pos += length;
      }
    } else if (id === SECTION.data) {
      data = bytes.subarray(start, start + size);
    } else if (id === SECTION.custom) {
      const nameLength = leb();
      const name = Buffer.from(bytes.subarray(pos, pos + nameLength)).toString();
      pos += nameLength;
      while (name === 'name' && pos < start + size) {
        const sub = bytes[pos++];
        const end = leb() + pos;
        if (sub === 1) {
          for (let n = leb(); n > 0; n--) {
            const index = leb();
            const length = leb();
            names.set(index, Buffer.from(bytes.subarray(pos, pos + length)).toString());
            pos += length;
          }
        }
        pos = end;
      }
    }
    pos = start + size;
  }
  const functions = bodies.map((body, i) => ({ body, name: names.get(i + importedFunctions) || `function ${i}` }));
  return { functions, data };
}

function origin(name) {
  if (name.includes('nlohmann')) return 'nlohmann/json';
  if (/embind|emscripten::/.test(name)) return 'Embind';
  if (/\(anonymous namespace\)::/.test(name) && !name.includes('seg::')) return 'bindings';
  if (name.includes('seg::')) return 'engine (seg::)';
  if (name.includes('std::')) return 'C++ library';
  return 'C library and runtime';
}

const gz = (parts) => gzipSync(Buffer.concat(parts), { level: 9 }).length;
const file = process.argv[2];
if (!file) {
  console.error('usage: node web/wasm-size.mjs MODULE.wasm [TOP]');
  process.exit(2);
}
const top = Number(process.argv[3] || 25);
const { functions, data } = readModule(readFileSync(file));
const groups = new Map();
for (const f of functions) {
  const key = origin(f.name);
  if (!groups.has(key)) groups.set(key, []);
  groups.get(key).push(f.body);
}
console.log(`code: ${functions.length} functions, gzip -9 ${gz(functions.map((f) => f.body))} B; data segments gzip -9 ${gz([data])} B`);
console.log('origin                    raw B   gzip B (alone)');
for (const [key, bodies] of [...groups].sort((a, b) => gz(b[1]) - gz(a[1]))) {
  const raw = bodies.reduce((sum, b) => sum + b.length, 0);
  console.log(`${key.padEnd(24)}${String(raw).padStart(7)}${String(gz(bodies)).padStart(9)}`);
}
console.log(`\nlargest ${top} functions (raw B):`);
for (const f of [...functions].sort((a, b) => b.body.length - a.body.length).slice(0, top)) {
  console.log(`${String(f.body.length).padStart(7)}  ${f.name.replace(/std::__2::/g, 'std::').slice(0, 140)}`);
}
