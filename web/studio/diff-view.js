// The diff of a publish, for the owner: segments and offers added, removed and changed by name,
// each changed field with its value before and after (rules and scores in words), the settings;
// and segment sizes on the sample with the published version and with the draft.
import { h } from './dom.js';
import { valueWords } from './config-diff.js';
import { describeRule, describeSegment } from './language.js';
import { segmentName } from './references.js';
import { listOf } from './shape.js';

function fieldWords(field, value, config) {
  if (value === undefined) return '(none)';
  if (field === 'rule') return describeRule(value, listOf(config && config.segments));
  if (field === 'score') return describeSegment({ score: value }, listOf(config && config.segments));
  return valueWords(value);
}

function itemsBlock(title, kind, diff, before, after) {
  const rows = [];
  for (const item of diff.added) rows.push(h('li', { class: 'diff-added', 'data-change': 'added', 'data-id': item.id }, h('strong', {}, 'added '), `${kind} “${item.name}”`));
  for (const item of diff.removed) rows.push(h('li', { class: 'diff-removed', 'data-change': 'removed', 'data-id': item.id }, h('strong', {}, 'removed '), `${kind} “${item.name}”`));
  for (const item of diff.changed) {
    rows.push(h('li', { class: 'diff-changed', 'data-change': 'changed', 'data-id': item.id }, h('strong', {}, 'changed '), `${kind} “${item.name}”`,
      h('ul', { class: 'diff-fields' }, item.fields.map((f) => h('li', { 'data-field': f.field },
        h('span', { class: 'diff-field' }, f.field), ': ',
        h('del', {}, fieldWords(f.field, f.before, before)), ' → ',
        h('ins', {}, fieldWords(f.field, f.after, after)))))));
  }
  if (!rows.length) return null;
  return h('section', { class: 'diff-block' }, h('h4', {}, title), h('ul', { class: 'diff-list' }, rows));
}

/** The configuration part of the diff (diffConfigs' answer) of `before` (published) and `after` (draft). */
export function configDiffView(diff, before, after) {
  if (!diff.count) return h('p', { class: 'hint', 'data-testid': 'diff-none' }, 'The draft is the same as the published version.');
  return h('div', { class: 'config-diff', 'data-testid': 'config-diff' },
    itemsBlock('Segments', 'segment', diff.segments, before, after),
    itemsBlock('Offers', 'offer', diff.offers, before, after),
    diff.settings.length ? h('section', { class: 'diff-block' }, h('h4', {}, 'Settings'),
      h('ul', { class: 'diff-list' }, diff.settings.map((f) => h('li', { class: 'diff-changed', 'data-field': f.field },
        h('span', { class: 'diff-field' }, f.field), ': ', h('del', {}, valueWords(f.before)), ' → ', h('ins', {}, valueWords(f.after)))))) : null);
}

/**
 * Segment sizes with both versions: `published` and `draft` are replay results
 * ({ visitors, segmentCounts: Map id -> members }); segments of either version are listed.
 */
export function sizesDiffView(published, draft, publishedConfig, draftConfig) {
  const names = new Map();
  for (const s of listOf(publishedConfig.segments)) names.set(s.id, segmentName(s));
  for (const s of listOf(draftConfig.segments)) names.set(s.id, segmentName(s));
  const inPublished = new Set(listOf(publishedConfig.segments).map((s) => s.id));
  const inDraft = new Set(listOf(draftConfig.segments).map((s) => s.id));
  const rows = [...names.keys()].map((id) => {
    const before = inPublished.has(id) ? published.segmentCounts.get(id) || 0 : null;
    const after = inDraft.has(id) ? draft.segmentCounts.get(id) || 0 : null;
    return { id, name: names.get(id), before, after, change: (after ?? 0) - (before ?? 0) };
  });
  const moved = (r) => r.change !== 0 || r.before === null || r.after === null;
  // New and gone segments first, then the biggest changes, then the biggest segments.
  rows.sort((a, b) => Number(b.before === null || b.after === null) - Number(a.before === null || a.after === null)
    || Math.abs(b.change) - Math.abs(a.change) || (b.after ?? 0) - (a.after ?? 0) || a.name.localeCompare(b.name));
  const changed = rows.filter(moved);
  const same = rows.filter((r) => !moved(r));
  const cell = (n) => (n === null ? '—' : String(n));
  const table = (list, testid) => h('div', { class: 'table-scroll' }, h('table', { class: 'sizes-table', 'data-testid': testid },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'segment'), h('th', { scope: 'col' }, 'published'), h('th', { scope: 'col' }, 'draft'), h('th', { scope: 'col' }, 'change'))),
    h('tbody', {}, list.map((r) => h('tr', { 'data-segment': r.id, 'data-published': cell(r.before), 'data-draft': cell(r.after), class: moved(r) ? 'size-changed' : '' },
      h('th', { scope: 'row' }, r.name),
      h('td', {}, cell(r.before)),
      h('td', {}, cell(r.after)),
      h('td', {}, r.before === null ? 'new' : r.after === null ? 'gone' : r.change > 0 ? `+${r.change}` : r.change < 0 ? `−${-r.change}` : '='))))));
  return h('div', { class: 'sizes-diff' },
    h('p', {}, changed.length
      ? `${changed.length} segment${changed.length === 1 ? '' : 's'} change${changed.length === 1 ? 's' : ''} size or ${changed.length === 1 ? 'is' : 'are'} new or gone, of ${draft.visitors} visitors (“—”: not in that version).`
      : `No segment changes size on these ${draft.visitors} visitors.`),
    changed.length ? table(changed, 'sizes-diff') : null,
    same.length ? h('details', { class: 'sizes-same' }, h('summary', {}, `${same.length} segment${same.length === 1 ? '' : 's'} of the same size`), table(same, 'sizes-same')) : null);
}
