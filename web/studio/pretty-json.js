// Pretty-prints JSON and remembers on which line each value starts, so an issue's JSON Pointer can
// be turned into a selection in the JSON editor. Short lists of plain values stay on one line,
// which keeps rules such as { "in": ["gold", "platinum"] } readable.
import { escapeToken } from './pointer.js';

const INLINE_LIMIT = 64;

export function prettyJson(value, basePointer = '') {
  const lines = [];
  const lineOf = new Map();
  let current = '';

  function isPlain(v) {
    return v === null || typeof v !== 'object';
  }

  function write(v, pointer, indent) {
    lineOf.set(pointer, lines.length);
    if (isPlain(v)) {
      current += JSON.stringify(v);
      return;
    }
    const entries = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v);
    if (entries.length === 0) {
      current += Array.isArray(v) ? '[]' : '{}';
      return;
    }
    if (Array.isArray(v) && v.every(isPlain)) {
      const inline = JSON.stringify(v).replace(/,/g, ', ');
      if (inline.length <= INLINE_LIMIT) {
        current += inline;
        for (const [i] of entries) lineOf.set(pointer + '/' + i, lines.length);
        return;
      }
    }
    current += Array.isArray(v) ? '[' : '{';
    const pad = '  '.repeat(indent + 1);
    entries.forEach(([key, child], index) => {
      lines.push(current);
      current = pad + (Array.isArray(v) ? '' : JSON.stringify(String(key)) + ': ');
      write(child, pointer + '/' + escapeToken(key), indent + 1);
      if (index < entries.length - 1) current += ',';
    });
    lines.push(current);
    current = '  '.repeat(indent) + (Array.isArray(v) ? ']' : '}');
  }

  write(value, basePointer, 0);
  lines.push(current);
  return { text: lines.join('\n'), lineOf };
}

/** Character offsets [start, end) of a 0-based line in text. */
export function lineRange(text, line) {
  let start = 0;
  for (let i = 0; i < line; i += 1) {
    const next = text.indexOf('\n', start);
    if (next < 0) return [text.length, text.length];
    start = next + 1;
  }
  const end = text.indexOf('\n', start);
  return [start, end < 0 ? text.length : end];
}
