// The "Checks" view: the findings of checks.js for the draft (or, while the draft does not
// parse, nothing), each with a link that opens its place in the editor.
import { h, replaceChildren, debounce } from './dom.js';
import { runChecks } from './checks.js';

const SEVERITY_WORDS = { error: 'Problem', warning: 'Worth a look', note: 'Note' };

export function createChecksView({ store, onJump }) {
  const summary = h('p', { class: 'checks-summary', role: 'status' });
  const list = h('ul', { class: 'findings', 'data-testid': 'findings' });
  const element = h('div', { class: 'checks-view' },
    h('h2', {}, 'Checks before publishing'),
    h('p', { class: 'hint' }, 'These look at the rules themselves, for every possible visitor: segments that can never hold, offers that can never win, slots without a fallback, and overlaps. The engine’s validation issues (wrong keys, bad values) are listed under Edit.'),
    summary, list);

  function render() {
    const config = store.state.draft;
    const findings = config ? runChecks(config) : [];
    const issues = store.state.issues.length;
    const counts = ['error', 'warning', 'note'].map((s) => [s, findings.filter((f) => f.severity === s).length]);
    summary.textContent = config
      ? `${counts.map(([s, n]) => `${n} ${SEVERITY_WORDS[s].toLowerCase()}${n === 1 || s !== 'error' ? '' : 's'}`).join(', ')}${issues ? `; and ${issues} validation issue${issues === 1 ? '' : 's'} under Edit` : ''}.`
      : 'The draft is not valid JSON: fix it under Edit first.';
    const order = { error: 0, warning: 1, note: 2 };
    replaceChildren(list, findings.slice().sort((a, b) => order[a.severity] - order[b.severity]).map((f) => h('li', { class: `finding ${f.severity}`, 'data-code': f.code, 'data-path': f.path },
      h('span', { class: `severity ${f.severity}` }, SEVERITY_WORDS[f.severity]), ' ',
      h('span', { class: 'finding-message' }, f.message), ' ',
      h('button', { type: 'button', class: 'link', onclick: () => onJump(f.path) }, `go to ${f.path}`),
      f.related ? [' ', h('button', { type: 'button', class: 'link', onclick: () => onJump(f.related) }, `see ${f.related}`)] : null)));
    if (!findings.length && config) list.appendChild(h('li', { class: 'ok' }, 'Nothing found.'));
  }

  store.subscribe(debounce(render, 200));
  render();
  return { element, render };
}
