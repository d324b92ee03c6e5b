// The JSON editor: the whole draft config as text, beside the form and kept in sync with it.
// Typing here re-validates (debounced) through the store; the gutter numbers the lines and marks
// the lines that issues point at.
import { h, debounce } from './dom.js';
import { prettyJson, lineRange } from './pretty-json.js';
import { locateJson, lineOfPointer } from './json-locate.js';

export function createJsonEditor({ onText }) {
  const gutter = h('pre', { class: 'json-gutter', 'aria-hidden': 'true' });
  const textarea = h('textarea', {
    id: 'json-editor', class: 'json-text', spellcheck: 'false', wrap: 'off', autocomplete: 'off',
    'aria-label': 'the configuration as JSON', 'aria-describedby': 'json-status',
  });
  const status = h('p', { id: 'json-status', class: 'json-status', role: 'status' });
  const element = h('div', { class: 'json-editor' },
    h('div', { class: 'json-frame' }, gutter, textarea),
    status,
    h('p', { class: 'hint' }, 'Changes here update the form as you type. Tab indents; press Esc, then Tab, to leave the editor.'));

  let lineOf = null;
  let issueLines = new Set();

  const send = debounce(() => onText(textarea.value), 200);
  textarea.addEventListener('input', send);
  textarea.addEventListener('scroll', () => { gutter.scrollTop = textarea.scrollTop; });
  // Tab inserts two spaces instead of leaving the editor; Escape then Tab leaves it (keyboard users).
  let escaped = false;
  textarea.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') { escaped = true; return; }
    if (event.key === 'Tab' && !event.shiftKey && !escaped) {
      event.preventDefault();
      textarea.setRangeText('  ', textarea.selectionStart, textarea.selectionEnd, 'end');
      send();
    }
    escaped = false;
  });

  let gutterKey = '';
  function renderGutter() {
    // Line numbers as text, with the lines issues point at as marked spans (red in the CSS).
    // Rebuilt only when the line count or the marked lines change: typing stays fast.
    const count = textarea.value.split('\n').length;
    const key = `${count}|${[...issueLines].join(',')}`;
    if (key !== gutterKey) {
      gutterKey = key;
      const width = String(count).length;
      const parts = [];
      let run = '';
      for (let n = 0; n < count; n += 1) {
        const number = String(n + 1).padStart(width, ' ');
        if (issueLines.has(n)) {
          parts.push(run);
          run = '';
          parts.push(h('span', { class: 'gutter-issue' }, `●${number}\n`));
        } else {
          run += ` ${number}\n`;
        }
      }
      parts.push(`${run}\n`);
      gutter.replaceChildren(...parts.filter((p) => p !== ''));
    }
    gutter.scrollTop = textarea.scrollTop;
  }

  // Where each value starts, for the text now in the editor (computed once per text).
  let locatedText = null;
  function located() {
    if (locatedText !== textarea.value) {
      locatedText = textarea.value;
      lineOf = locateJson(locatedText);
    }
    return lineOf;
  }

  function lineHeight() {
    return parseFloat(getComputedStyle(textarea).lineHeight) || 18;
  }

  return {
    element,
    textarea,
    /** Show a config (after a form edit); the text the person is typing is never overwritten. */
    showConfig(config) {
      const { text, lineOf: lines } = prettyJson(config);
      if (text === textarea.value) return;
      const top = textarea.scrollTop;
      textarea.value = text;
      textarea.scrollTop = top;
      locatedText = text;
      lineOf = lines;
      renderGutter();
    },
    showText(text) {
      textarea.value = text;
      renderGutter();
    },
    markIssues(issues) {
      const lines = located();
      issueLines = new Set();
      for (const issue of issues) {
        const line = lineOfPointer(lines, issue.path || '');
        if (line !== null) issueLines.add(line);
      }
      status.textContent = issues.length
        ? `${issues.length} issue${issues.length === 1 ? '' : 's'} in the draft (lines marked ●)`
        : 'Valid: this draft is the working config.';
      status.className = `json-status ${issues.length ? 'bad' : 'good'}`;
      renderGutter();
    },
    /** Scroll so that the value at `pointer` is near the top. */
    scrollTo(pointer) {
      const line = lineOfPointer(located(), pointer);
      if (line === null) return;
      textarea.scrollTop = Math.max(0, (line - 1) * lineHeight());
      gutter.scrollTop = textarea.scrollTop;
    },
    /** Focus the editor with the line of `pointer` selected. */
    select(pointer) {
      const line = lineOfPointer(located(), pointer);
      textarea.focus();
      if (line === null) return;
      const [start, end] = lineRange(textarea.value, line);
      textarea.setSelectionRange(start, end);
      textarea.scrollTop = Math.max(0, (line - 3) * lineHeight());
    },
  };
}
