#!/usr/bin/env node
// Where the .wasm's bytes go, by function and by source (for the next size work):
//   node bench/wasm-sizes.mjs FILE.wasm [--objects DIR] [--top N]
// FILE must carry a name section: `web/build.sh --size-report` links the storefront runtime with
// --profiling-funcs as build/wasm-product/bindings/shopper-segments-runtime-names.wasm (never dist/).
// The code section is identical to the product's (names live in a custom section), so the sizes
// are the product's. Groups: seg:: engine files, bindings (the plain exports, and Embind's glue in
// builds before the split, e.g. 1cc94ea's shopper-segments-core-names), nlohmann, libc++, libc/malloc.
// gzip figures are each group's bodies compressed alone (gzip -9): an estimate of its share.
// --objects DIR: the build's object files (LTO bitcode, e.g. build/wasm-product/CMakeFiles); each
// function is then attributed to the source file that defines it (llvm-nm + llvm-cxxfilt), so the
// engine's share splits by file. Identical functions folded by the optimiser keep one name.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

function reader(bytes, pos = 0) {
  return {
    get pos() { return pos; },
    set pos(p) { pos = p; },
    u8: () => bytes[pos++],
    leb() {
      let result = 0, shift = 0, b;
      do { b = bytes[pos++]; result += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80);
      return result;
    },
    name() {
      const n = this.leb();
      const s = Buffer.from(bytes.subarray(pos, pos + n)).toString('utf8');
      pos += n;
      return s;
    },
  };
}

export function readWasm(bytes) {
  const r = reader(bytes, 8);
  const sections = [];
  let imported = 0;
  const bodies = [];
  const names = new Map();
  while (r.pos < bytes.length) {
    const id = r.u8();
    const size = r.leb();
    const start = r.pos;
    const section = { id, size, name: null };
    if (id === 0) {
      section.name = r.name();
      if (section.name === 'name') {
        while (r.pos < start + size) {
          const sub = r.u8();
          const subSize = r.leb();
          const subEnd = r.pos + subSize;
          if (sub === 1) {
            const count = r.leb();
            for (let i = 0; i < count; i++) { const index = r.leb(); names.set(index, r.name()); }
          }
          r.pos = subEnd;
        }
      }
    } else if (id === 2) {
      const count = r.leb();
      for (let i = 0; i < count; i++) {
        r.name(); r.name();
        const kind = r.u8();
        if (kind === 0) { r.leb(); imported++; } else if (kind === 1) { r.u8(); const f = r.u8(); r.leb(); if (f & 1) r.leb(); }
        else if (kind === 2) { const f = r.u8(); r.leb(); if (f & 1) r.leb(); } else { r.u8(); r.u8(); }
      }
    } else if (id === 10) {
      const count = r.leb();
      for (let i = 0; i < count; i++) {
        const bodySize = r.leb();
        bodies.push({ index: imported + i, size: bodySize, bytes: bytes.subarray(r.pos, r.pos + bodySize) });
        r.pos += bodySize;
      }
    }
    sections.push(section);
    r.pos = start + size;
  }
  for (const body of bodies) body.name = names.get(body.index) ?? `func[${body.index}]`;
  return { sections, bodies, named: names.size > 0 };
}

const GROUPS = [
  ['bindings (exports; Embind glue before the split)', /^(seg_[a-z_]+$|\(anonymous namespace\)::|emscripten::|_embind_|embind_|EMSCRIPTEN_BINDINGS|__embind)/],
  ['nlohmann::json', /nlohmann/],
  ['seg:: engine', /(^|[^:])seg::/],
  ['libc++ (std::)', /^(std::|void std::|bool std::|unsigned long (const)?& std::|.* std::__2::)/],
  ['malloc (emmalloc / dlmalloc)', /^(malloc|free|realloc|calloc|emmalloc.*|dl.*|attempt_allocate|sbrk|aligned_alloc|posix_memalign|memalign|internal_memalign|sys_alloc|sys_trim|tmalloc_.*|prepend_alloc|dispose_chunk|init_mparams|.*_region|.*free_list.*)$/],
  ['libc (string, number formatting, math)', /^(mem|str|__|fmt|pop_arg|pad|printf|vfprintf|snprintf|vsnprintf|frexp|fmod|scalbn|ldexp|fma|log|exp|pow|round|floor|ceil|abort|getenv|isdigit|wcslen|out|dummy|sn_write|copysign|emscripten_|stackAlloc|stackSave|stackRestore|dynCall|\$)/],
];

// The function's own qualified name: its signature without the parameter list (a parameter of
// type nlohmann::json does not make seg::parse_json part of nlohmann).
function ownName(name) {
  let depth = 0;
  for (let i = 0; i < name.length; i++) {
    const c = name[i];
    if (c === '<') depth++;
    else if (c === '>') depth--;
    else if (c === '(' && depth === 0 && i > 0) return name.slice(0, i);
  }
  return name;
}

export function group(name) {
  const own = ownName(name);
  for (const [label, pattern] of GROUPS) if (pattern.test(own)) return label;
  return 'other';
}

// Demangled function name -> source files defining it strongly (T/t), or weakly (W/w: inline, templates).
function definitions(dir) {
  const objects = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name));
      else if (e.name.endsWith('.o')) objects.push(path.join(d, e.name));
    }
  };
  walk(dir);
  const strong = new Map();
  const weak = new Map();
  for (const object of objects) {
    const file = path.basename(object).replace(/\.o$/, '');
    const listing = execFileSync('llvm-nm', ['--defined-only', object], { encoding: 'utf8', maxBuffer: 1 << 28 });
    const lines = listing.split('\n').filter(Boolean).map((l) => l.trim().split(/\s+/));
    const demangled = execFileSync('llvm-cxxfilt', [], { input: lines.map((f) => f[2]).join('\n'), encoding: 'utf8', maxBuffer: 1 << 28 }).split('\n');
    lines.forEach(([, kind], i) => {
      const map = /[Tt]/.test(kind) ? strong : /[Ww]/.test(kind) ? weak : null;
      if (map === null) return;
      if (!map.has(demangled[i])) map.set(demangled[i], new Set());
      map.get(demangled[i]).add(file);
    });
  }
  return (name) => {
    const files = strong.get(name) ?? weak.get(name);
    if (!files) return null;
    return files.size === 1 ? [...files][0] : null;  // inline code of several files: its library's group
  };
}

function main() {
  const file = process.argv[2];
  const top = Number(process.argv[process.argv.indexOf('--top') + 1]) || 25;
  const objectsAt = process.argv.indexOf('--objects');
  const sourceOf = objectsAt > 0 ? definitions(process.argv[objectsAt + 1]) : null;
  if (!file) { console.error('usage: node bench/wasm-sizes.mjs FILE.wasm [--top N]'); process.exit(2); }
  const bytes = fs.readFileSync(file);
  const { sections, bodies, named } = readWasm(bytes);
  if (!named) console.error('wasm-sizes: no name section; link with --profiling-funcs for function names');
  const SECTION = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'elem', 'code', 'data', 'datacount'];
  console.log(`${file}: ${bytes.length} B`);
  for (const s of sections) console.log(`  section ${(s.name ? 'custom "' + s.name + '"' : SECTION[s.id]).padEnd(16)} ${String(s.size).padStart(8)} B`);
  const groups = new Map();
  for (const b of bodies) {
    const g = group(b.name);
    if (!groups.has(g)) groups.set(g, { size: 0, count: 0, parts: [] });
    const entry = groups.get(g);
    entry.size += b.size; entry.count++; entry.parts.push(b.bytes);
  }
  const codeTotal = bodies.reduce((n, b) => n + b.size, 0);
  console.log(`\ncode by source (${bodies.length} functions, ${codeTotal} B):`);
  for (const [label, g] of [...groups].sort((a, b) => b[1].size - a[1].size)) {
    const gz = zlib.gzipSync(Buffer.concat(g.parts), { level: 9 }).length;
    console.log(`  ${label.padEnd(44)} ${String(g.size).padStart(7)} B ${(100 * g.size / codeTotal).toFixed(1).padStart(5)} %  ${String(g.count).padStart(4)} functions  ~${gz} B gzip alone`);
  }
  if (sourceOf !== null) {
    const files = new Map();
    for (const b of bodies) {
      const file = sourceOf(b.name) ?? '(shared or library: ' + group(b.name) + ')';
      files.set(file, (files.get(file) ?? 0) + b.size);
    }
    console.log('\ncode by defining source file (our objects; the rest from libraries):');
    for (const [file, size] of [...files].sort((a, b) => b[1] - a[1])) {
      console.log(`  ${file.padEnd(60)} ${String(size).padStart(7)} B ${(100 * size / codeTotal).toFixed(1).padStart(5)} %`);
    }
  }
  console.log(`\nlargest ${top} functions:`);
  for (const b of [...bodies].sort((a, b) => b.size - a.size).slice(0, top)) {
    console.log(`  ${String(b.size).padStart(6)} B  ${group(b.name).split(' ')[0].padEnd(10)} ${b.name.slice(0, 140)}`);
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) main();
