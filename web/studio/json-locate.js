// Finds the line on which each value of a JSON text starts, for any formatting the person typed,
// so an issue's JSON Pointer can be marked in the JSON editor's gutter. Returns null when the text
// is not valid JSON (the engine's json_syntax issue covers that case).
import { escapeToken } from './pointer.js';

export function locateJson(text) {
  let i = 0;
  let line = 0;
  const lineOf = new Map();

  function skip() {
    for (;;) {
      const c = text[i];
      if (c === '\n') { line += 1; i += 1; } else if (c === ' ' || c === '\t' || c === '\r') i += 1; else return;
    }
  }
  function fail() { throw new Error('syntax'); }
  function string() {
    const start = i;
    i += 1;
    while (i < text.length && text[i] !== '"') { if (text[i] === '\\') i += 1; i += 1; }
    if (i >= text.length) fail();
    i += 1;
    return JSON.parse(text.slice(start, i));
  }
  function value(pointer) {
    skip();
    lineOf.set(pointer, line);
    const c = text[i];
    if (c === '{') {
      i += 1; skip();
      if (text[i] === '}') { i += 1; return; }
      for (;;) {
        skip();
        if (text[i] !== '"') fail();
        const keyLine = line;
        const key = string();
        skip();
        if (text[i] !== ':') fail();
        i += 1;
        const child = pointer + '/' + escapeToken(key);
        value(child);
        lineOf.set(child, keyLine);  // point at the key, where a reader looks
        skip();
        if (text[i] === ',') { i += 1; continue; }
        if (text[i] === '}') { i += 1; return; }
        fail();
      }
    } else if (c === '[') {
      i += 1; skip();
      if (text[i] === ']') { i += 1; return; }
      for (let n = 0; ; n += 1) {
        value(pointer + '/' + n);
        skip();
        if (text[i] === ',') { i += 1; continue; }
        if (text[i] === ']') { i += 1; return; }
        fail();
      }
    } else if (c === '"') {
      string();
    } else {
      const m = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 40));
      if (!m) fail();
      i += m[0].length;
    }
  }
  try {
    value('');
    skip();
    if (i !== text.length) return null;
    return lineOf;
  } catch {
    return null;
  }
}

/** The line of a pointer, or of its nearest ancestor that the text has. */
export function lineOfPointer(lineOf, pointer) {
  if (!lineOf) return null;
  let p = pointer;
  for (;;) {
    if (lineOf.has(p)) return lineOf.get(p);
    if (!p) return null;
    p = p.slice(0, p.lastIndexOf('/'));
  }
}
