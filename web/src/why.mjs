// "Why am I seeing this?": a small note under an offer, written from the engine's explanation of
// the segment that made the offer a candidate, or of the offer's own rule when it shows by that
// alone. Text only.

/**
 * @param {Document} doc
 * @param {Element} view the offer's root element
 * @param {{ segment: string | null, rule?: boolean }} decision
 * @param {{ explain(id: string): any, explainOffer(id: string): any }} engine
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
  const privacy = doc.createElement('p');
  privacy.textContent = 'Nothing about your visit leaves this browser.';
  note.append(lead, list, privacy);
  view.append(note);
  // The explanation comes from the owner toolkit, loaded on the first click of a page that runs a
  // compiled program: the note opens at once and fills in when it arrives.
  let explanation = null;
  if (decision.segment) explanation = engine.explain(decision.segment);
  else if (decision.rule) explanation = engine.explainOffer(decision.offer);
  else lead.textContent = 'This offer is shown to every visitor.';
  if (explanation === null) return;
  lead.textContent = 'Looking up why\u2026';
  Promise.resolve(explanation).then((found) => {
    lead.textContent = decision.segment
      ? 'You see this because, on this device only, your visits match "' + (found.name || decision.segment) + '":'
      : 'You see this because, on this device only, your visits match its conditions:';
    for (const line of reasonLines(found)) {
      const item = doc.createElement('li');
      item.textContent = line;
      list.append(item);
    }
  }, () => {
    lead.textContent = 'The reasons could not be loaded right now.';
  });
}

// The explanation's reasons, each one short sentence: for a scored segment the labels of the
// signals that held; for a rule segment the conditions that held, leaves of the rule tree. Under
// a "not" that held, the conditions that did not hold are the reasons, said as such (the node's
// own text, "the condition below...", means something only in the studio's tree).
export function reasonLines(explanation) {
  if (Array.isArray(explanation.signals)) {
    return explanation.signals.filter((signal) => signal.held).map((signal) => signal.label).slice(0, 5);
  }
  const lines = [];
  // `held`: the outcome that makes `node` a reason (true, or false under a "not").
  const visit = (node, held) => {
    if (!node || node.held !== held) return;
    const children = node.children || [];
    if (node.kind === 'not') visit(children[0], !held);
    else if (children.length) children.forEach((child) => visit(child, held));
    else if (typeof node.text === 'string') lines.push(held ? node.text : node.text + ' (not met, as required)');
  };
  visit(explanation.tree, true);
  return lines.slice(0, 5);
}
