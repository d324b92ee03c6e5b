// Shows the engine's issues where they belong: on the form control whose JSON Pointer matches
// (or the nearest enclosing one), and in a list with each issue's path and sentence.
import { h, uid, replaceChildren } from './dom.js';
import { parent } from './pointer.js';

const CONTROLS = 'input, select, textarea, button';

/** The element of `root` that edits `path`, or the closest ancestor path that has one. */
export function findPlace(root, path, code) {
  let p = path;
  for (;;) {
    const sel = `[data-path="${CSS.escape(p)}"]`;
    const matches = [...root.querySelectorAll(sel)];
    if (matches.length) {
      const preferRole = code === 'bad_comparison' ? 'comparison' : code === 'ambiguous_rule' ? 'kind' : null;
      return (preferRole && matches.find((m) => m.dataset.role === preferRole))
        || matches.find((m) => m.matches(CONTROLS) && !m.matches('button'))
        || matches.find((m) => !m.matches('button'))
        || matches[0];
    }
    if (!p) return null;
    p = parent(p);
  }
}

/** Put each issue next to its control inside `root` (a rendered editor form). */
export function markIssuesInForm(root, issues) {
  for (const old of root.querySelectorAll('.issue-msg')) old.remove();
  for (const el of root.querySelectorAll('[aria-invalid="true"]')) {
    el.removeAttribute('aria-invalid');
    const ids = (el.getAttribute('aria-describedby') || '').split(' ').filter((id) => !id.startsWith('issue-'));
    if (ids.length) el.setAttribute('aria-describedby', ids.join(' ')); else el.removeAttribute('aria-describedby');
  }
  for (const el of root.querySelectorAll('.has-issue')) el.classList.remove('has-issue');

  const scope = root.dataset.path || '';
  for (const issue of issues) {
    const path = issue.path || '';
    if (scope && !(path === scope || path.startsWith(scope + '/'))) continue;
    const place = findPlace(root, path, issue.code);
    if (!place) continue;
    const id = uid('issue');
    const message = h('p', { class: 'issue-msg', id, 'data-issue-path': path, 'data-issue-code': issue.code, role: 'note' },
      h('span', { class: 'issue-code' }, issue.code), ' ', issue.message);
    if (place.matches(CONTROLS)) {
      place.setAttribute('aria-invalid', 'true');
      place.setAttribute('aria-describedby', `${place.getAttribute('aria-describedby') || ''} ${id}`.trim());
      const holder = place.closest('.field, .inline-field, .where-row, .comparison, .check') || place;
      holder.classList.add('has-issue');
      holder.after(message);
    } else {
      place.classList.add('has-issue');
      place.prepend(message);
    }
  }
}

/** The list of all issues, each with a button that jumps to its place. */
export function renderIssueList(container, issues, onJump) {
  if (!issues.length) {
    replaceChildren(container, h('p', { class: 'ok' }, 'No issues: the draft is valid and is the working config.'));
    return;
  }
  replaceChildren(container,
    h('p', { class: 'bad' }, `${issues.length} issue${issues.length === 1 ? '' : 's'}. The simulator keeps running the last valid config.`),
    h('ul', { class: 'issue-list' }, issues.map((issue) => h('li', { 'data-issue-path': issue.path || '', 'data-issue-code': issue.code },
      h('button', { type: 'button', class: 'link path', onclick: () => onJump(issue.path || ''), title: 'show this place' }, issue.path || '(whole config)'),
      ' ', h('span', { class: 'issue-code' }, issue.code), ' ', issue.message))));
}
