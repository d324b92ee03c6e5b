// The "Checks" view: the toolkit's checks before publishing (src/toolkit/lint.cpp) of the draft or,
// while the draft has validation issues, of the last valid config; each finding with a link that
// opens its place in the editor.
import { h, replaceChildren, debounce } from './dom.js';
import { lint } from './language.js';
import { segmentName, offerName } from './references.js';
import { split } from './pointer.js';
import { listOf, objectOf } from './shape.js';

/** '/segments/3/rule/all/1' -> 'segment “Sale hunter”': where a finding is, by name. */
function placeWords(config, path) {
  const [collection, index] = split(path || '');
  const item = listOf(objectOf(config)[collection])[Number(index)];
  if (collection === 'segments' && item) return `segment “${segmentName(item)}”`;
  if (collection === 'offers' && item) return `offer “${offerName(item)}”`;
  if (collection === 'settings') return 'the settings';
  return 'the configuration';
}

const SEVERITY_WORDS = { error: 'Problem', warning: 'Worth a look', note: 'Note' };

export function createChecksView({ store, onJump }) {
  const summary = h('p', { class: 'checks-summary', role: 'status' });
  const list = h('ul', { class: 'findings', 'data-testid': 'findings' });
  const element = h('div', { class: 'checks-view' },
    h('h2', {}, 'Checks before publishing'),
    h('p', { class: 'hint' }, 'These look at the rules themselves, for every possible visitor: segments that can never hold, offers that can never win, slots without a fallback, and overlaps. The engine’s validation issues (wrong keys, bad values) are listed under Edit.'),
    summary, list);

  function render() {
    // The checks need a configuration that compiles: the draft when it does, else the working one.
    const issues = store.state.issues.length;
    const config = issues ? store.state.working : store.state.draft;
    const findings = config ? lint(config).findings : [];
    const counts = ['error', 'warning', 'note'].map((s) => [s, findings.filter((f) => f.severity === s).length]);
    const countWords = counts.map(([s, n]) => `${n} ${SEVERITY_WORDS[s].toLowerCase()}${n === 1 || s !== 'error' ? '' : 's'}`).join(', ');
    summary.textContent = !issues
      ? `${countWords}.`
      : `The draft has ${issues} validation issue${issues === 1 ? '' : 's'} under Edit${store.state.draft ? '' : ' (it is not valid JSON)'}, so these are the checks of the last valid config: ${countWords}.`;
    const order = { error: 0, warning: 1, note: 2 };
    replaceChildren(list, findings.slice().sort((a, b) => order[a.severity] - order[b.severity]).map((f) => h('li', { class: `finding ${f.severity}`, 'data-code': f.code, 'data-path': f.path },
      h('span', { class: `severity ${f.severity}` }, SEVERITY_WORDS[f.severity]), ' ',
      h('span', { class: 'finding-message' }, f.message), ' ',
      h('button', { type: 'button', class: 'link', title: f.path, onclick: () => onJump(f.path) }, `edit ${placeWords(config, f.path)}`),
      f.related ? [' ', h('button', { type: 'button', class: 'link', title: f.related, onclick: () => onJump(f.related) }, `see ${placeWords(config, f.related)}`)] : null)));
    if (!findings.length && config) list.appendChild(h('li', { class: 'ok' }, 'Nothing found.'));
  }

  store.subscribe(debounce(render, 200));
  render();
  return { element, render };
}
