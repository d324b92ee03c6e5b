// One console warning per kind of problem and page: a broken store must not flood the console.

const warned = new Set();

/** @param {string} kind @param {string} message */
export function warnOnce(kind, message) {
  if (warned.has(kind)) return;
  warned.add(kind);
  console.warn('[shopper-segments] ' + message);
}
