// "Why am I seeing this?": a small note under an offer, written from the engine's explanation of
// the segment that made the offer a candidate. Text only.

/**
 * @param {Document} doc
 * @param {Element} view the offer's root element
 * @param {{ segment: string | null }} decision
 * @param {{ explain(id: string): any }} engine
 */
export function renderWhy(doc, view, decision, engine) {
  const open = view.querySelector('.seg-why');
  if (open) {
    open.remove();
    return;
  }
  const note = doc.createElement('div');
  note.className = 'seg-why';
  note.setAttribute('role', 'note');
  const lead = doc.createElement('p');
  const list = doc.createElement('ul');
  if (decision.segment) {
    const explanation = engine.explain(decision.segment);
    lead.textContent = 'You see this because, on this device only, your visits match "' +
      (explanation.name || decision.segment) + '":';
    for (const line of reasonLines(explanation)) {
      const item = doc.createElement('li');
      item.textContent = line;
      list.append(item);
    }
  } else {
    lead.textContent = 'This offer is shown to every visitor.';
  }
  const privacy = doc.createElement('p');
  privacy.textContent = 'Nothing about your visit leaves this browser.';
  note.append(lead, list, privacy);
  view.append(note);
}

// The explanation's held conditions or signals, each as one short sentence.
export function reasonLines(explanation) {
  const lines = [];
  const visit = (node) => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (node.held === true && typeof (node.label || node.text) === 'string' && !node.children) {
      lines.push(node.label || node.text);
    }
    for (const key of ['rule', 'signals', 'children', 'conditions']) visit(node[key]);
  };
  visit(explanation);
  return lines.slice(0, 5);
}
