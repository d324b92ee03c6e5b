// What became of each other offer of a slot, in the owner's words: the toolkit's explainSlot()
// answer (names, and the numbers that decided: "Lost to “Just landed” (priority 50 > 30).")
// laid out as a list. The words come from C++ (src/toolkit/slot_words.cpp); this only arranges
// them: the offers that competed for this visitor first, those whose segments the visitor is not
// in folded away (there are many, and they say little about this visitor).
import { h } from './dom.js';

function fateItem(f) {
  return h('li', { class: `fate fate-${f.reason}`, 'data-fate-offer': f.offer, 'data-fate-reason': f.reason },
    h('span', { class: 'fate-name' }, f.name), ' ', h('span', { class: 'fate-words' }, f.words));
}

/** @param {any} explanation explainSlot's answer, or null / a Promise / an error while there is none */
export function fatesView(explanation) {
  if (!explanation || typeof explanation.then === 'function' || explanation.error || !Array.isArray(explanation.fates)) return null;
  const competed = explanation.fates.filter((f) => f.reason !== 'not_in_segment');
  const elsewhere = explanation.fates.filter((f) => f.reason === 'not_in_segment');
  if (!competed.length && !elsewhere.length) return null;
  return h('div', { class: 'fates', 'data-testid': `fates-${explanation.slot}` },
    competed.length ? h('ul', { 'aria-label': `why the other offers of ${explanation.slot} did not show` }, competed.map(fateItem)) : null,
    elsewhere.length ? h('details', {},
      h('summary', {}, `${elsewhere.length} other offer${elsewhere.length === 1 ? '' : 's'} not for this visitor`),
      h('ul', {}, elsewhere.map(fateItem))) : null);
}
