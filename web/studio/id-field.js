// The name of a segment or an offer with its id behind it. An owner types the name; the id follows
// it (while it was made from the name) and every reference follows the id (references.js
// renameId). The id itself is shown only when asked ("id" disclosure), where it can be typed.
import { h, field, uid } from './dom.js';
import { join } from './pointer.js';
import { renameId, uniqueIdFor, idFollowsName } from './references.js';
import { listOf } from './shape.js';

function takenIds(ctx, kind, self) {
  return new Set(listOf(ctx.root[kind === 'offer' ? 'offers' : 'segments']).filter((x) => x && x !== self).map((x) => x.id));
}

/**
 * item: the segment or offer (mutated); kind: 'segment' | 'offer'; getName / setName read and
 * write its name (a segment's name, an offer's content.title); namePath: the JSON Pointer of the
 * name. Returns { nameField, idBlock }.
 */
export function nameAndId(item, kind, pointer, ctx, { getName, setName, namePath, nameLabel, refresh = () => {} }) {
  const nameInput = h('input', { 'data-path': namePath, 'data-role': 'name', size: 30, autocomplete: 'off' });
  nameInput.value = getName() ?? '';
  const idInput = h('input', { 'data-path': join(pointer, 'id'), 'data-role': 'id', size: 24, spellcheck: 'false', autocomplete: 'off' });
  idInput.value = item.id === undefined ? '' : String(item.id);
  const follow = h('input', { type: 'checkbox', id: uid('follow'), 'data-role': 'id-follows-name',
    checked: typeof item.id !== 'string' || item.id === '' || idFollowsName(item.id, getName()) });
  const idNote = h('span', { class: 'hint id-note', 'aria-live': 'polite' });

  // The id the references use now: while the id field is cleared and retyped, references wait
  // for the new id and then follow it.
  let refId = typeof item.id === 'string' && item.id !== '' ? item.id : null;

  /** The id becomes `next`, with its references; a clash or an empty id is left to the engine to report. */
  function changeId(next) {
    if (refId !== null && next !== '') {
      item.id = refId;
      const { renamed, references } = renameId(ctx.root, kind, refId, next);
      if (renamed) {
        refId = next;
        idNote.textContent = references ? `${references} reference${references === 1 ? '' : 's'} updated` : '';
        return;
      }
    }
    item.id = next;
    if (refId === null && next !== '') refId = next;
  }

  nameInput.addEventListener('input', () => {
    setName(nameInput.value);
    if (follow.checked) {
      const next = uniqueIdFor(nameInput.value, takenIds(ctx, kind, item), kind === 'offer' ? 'offer' : 'segment');
      if (next !== item.id) {
        changeId(next);
        idInput.value = item.id;
      }
    }
    ctx.commit(false);
    refresh();
  });
  idInput.addEventListener('input', () => {
    follow.checked = false;
    changeId(idInput.value);
    ctx.commit(false);
  });
  follow.addEventListener('change', () => {
    if (!follow.checked) return;
    const next = uniqueIdFor(nameInput.value, takenIds(ctx, kind, item), kind);
    if (next !== item.id) { changeId(next); idInput.value = item.id; ctx.commit(false); }
  });

  const nameField = field(nameLabel, nameInput);
  const idBlock = h('details', { class: 'id-block' },
    h('summary', {}, 'id ', h('code', { class: 'id-now' }, String(item.id ?? '')), ' (for the shop’s code)'),
    h('div', { class: 'row' },
      field('id', idInput, kind === 'segment' ? 'offers and rules that use it follow' : 'records of shows and holdout go by the id'),
      h('label', { class: 'check', for: follow.id }, follow, ' follows the name'),
      idNote));
  // Keep the summary's id in step while the name is typed.
  nameInput.addEventListener('input', () => { idBlock.querySelector('.id-now').textContent = String(item.id ?? ''); });
  idInput.addEventListener('input', () => { idBlock.querySelector('.id-now').textContent = String(item.id ?? ''); });
  return { nameField, idBlock, nameInput };
}
