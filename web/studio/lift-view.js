// The "Results" view: the owner pastes, from the shop's own analytics, how many visitors saw an
// offer and how many were held out of it, and how many of each converted; the view gives the
// relative lift with its 95 % confidence interval (lift.js has the method).
import { h, field, replaceChildren } from './dom.js';
import { relativeLift, percent } from './lift.js';

const INPUTS = [
  ['exposedVisitors', 'Visitors who saw the offer', 'view_promotion'],
  ['exposedConversions', 'of them converted', 'purchase after view_promotion'],
  ['heldOutVisitors', 'Visitors held out of it', 'shopper_segments_holdout'],
  ['heldOutConversions', 'of them converted', 'purchase after shopper_segments_holdout'],
];

export function createLiftView() {
  const controls = {};
  const result = h('p', { class: 'lift-result', role: 'status', 'aria-live': 'polite', 'data-testid': 'lift-result' });
  const update = () => {
    const input = {};
    for (const [key] of INPUTS) input[key] = controls[key].value.trim() === '' ? NaN : Number(controls[key].value);
    // Nothing typed yet: say what the view needs, not that a number is wrong.
    if (INPUTS.every(([key]) => controls[key].value.trim() === '')) {
      for (const [key] of INPUTS) controls[key].setAttribute('aria-invalid', 'false');
      result.className = 'lift-result empty';
      replaceChildren(result, 'Enter the four numbers to see the lift and how sure it is.');
      return;
    }
    const out = relativeLift(input);
    for (const [key] of INPUTS) controls[key].setAttribute('aria-invalid', String(!out.ok && out.field === key));
    if (!out.ok) {
      result.className = 'lift-result bad';
      replaceChildren(result, out.message);
      return;
    }
    const words = { raised: 'The offer raised conversion.', lowered: 'The offer lowered conversion.',
      unclear: 'Not clear yet: the interval includes no change; keep the holdout running.' }[out.verdict];
    result.className = `lift-result ${out.verdict === 'raised' ? 'good' : out.verdict === 'lowered' ? 'bad' : ''}`;
    replaceChildren(result,
      h('strong', {}, `Lift ${percent(out.lift)}`),
      ` (95\u00a0% confidence interval ${percent(out.low)} to ${percent(out.high)}). `,
      `Conversion ${(out.exposedRate * 100).toFixed(2)}\u00a0% with the offer, ${(out.heldOutRate * 100).toFixed(2)}\u00a0% without. `,
      words);
  };
  const rows = INPUTS.map(([key, label, hint]) => {
    controls[key] = h('input', { type: 'number', min: '0', step: '1', inputmode: 'numeric', name: key, 'data-testid': `lift-${key}`, oninput: update });
    return field(label, controls[key], `from ${hint}`);
  });
  const element = h('div', { class: 'lift-view' },
    h('h2', {}, 'Measure an offer\u2019s lift'),
    h('p', { class: 'hint' }, 'With data-report="datalayer" on the script tag, your analytics receives view_promotion for visitors who saw an offer and shopper_segments_holdout for those held out of it. Paste both groups\u2019 visitors and conversions for the same period.'),
    h('div', { class: 'lift-inputs' }, rows),
    result);
  update();
  return { element };
}
