// The rule language as the owner toolkit (the C++ engine) describes it: the studio's pickers,
// suggestion lists, rule words and checks all come from here, and this file only reads what the
// toolkit answers (src/toolkit/language.cpp, describe.cpp, lint.cpp). main.js hands it the loaded
// toolkit once, before any view is built.

let toolkit = null;
let descriptor = null;

/** @param {{ language(): any, describe(rule: any, segments?: any[]): string, lint(config: any): any }} kit */
export function useToolkit(kit) {
  toolkit = kit;
  descriptor = kit.language();
}

/**
 * Durations are stored in their short form ("7 days" -> "7d"): when the owner leaves a duration
 * field (change), the toolkit's canonical form replaces the text and is stored through the
 * field's own input handler. Text the toolkit does not read as a duration is left as typed, for
 * the checks to report.
 */
export function storeDurationsCanonically(input) {
  input.addEventListener('change', () => {
    if (!toolkit || typeof toolkit.canonicalDuration !== 'function') return;
    const typed = input.value.trim();
    if (typed === '' || /^\d+$/.test(typed)) return;
    const canonical = toolkit.canonicalDuration(typed);
    if (canonical && canonical !== typed) {
      input.value = canonical;
      input.dispatchEvent(new Event('input'));
    }
  });
  return input;
}

/** The language descriptor: {groups, kinds, comparisons, units, windows, events, fields, traits, context, weekdays}. */
export function language() {
  return descriptor;
}

/** The descriptor's entry for a rule kind ('count', 'all', ...), or null. */
export function kindInfo(kind) {
  return descriptor.kinds.find((k) => k.key === kind) || null;
}

/** Which rule form a rule object has (the first of the language's kinds among its keys), or null. */
export function ruleKind(rule) {
  if (!rule || typeof rule !== 'object' || Array.isArray(rule)) return null;
  const found = descriptor.kinds.find((k) => k.key in rule);
  return found ? found.key : null;
}

/** Which comparison a condition has (the first of the language's comparisons), or null. */
export function comparisonOf(rule) {
  if (!rule || typeof rule !== 'object') return null;
  const found = descriptor.comparisons.find((c) => c.key in rule);
  return found ? found.key : null;
}

/** The fields the language knows an event to carry, or null for an event it does not know. */
export function eventFields(event) {
  const found = descriptor.events.find((e) => e.key === event);
  return found ? found.fields : null;
}

/** A rule in words; `segments` (the draft's) lets the words name segments as the owner did. */
export function describeRule(rule, segments) {
  return toolkit.describe(rule === undefined ? null : rule, Array.isArray(segments) ? segments : undefined);
}

/** A segment in words: its rule, or its signals and thresholds. */
export function describeSegment(segment, segments) {
  if (!segment || typeof segment !== 'object' || !(segment.rule || segment.score)) return '';
  return toolkit.describe(segment, Array.isArray(segments) ? segments : undefined);
}

/** The checks before publishing of a configuration: {issues, findings}. */
export function lint(config) {
  return toolkit.lint(config);
}
