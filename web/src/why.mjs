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
  let lines = [];
  if (decision.segment) {
    const explanation = engine.explain(decision.segment);
    lead.textContent = 'You see this because, on this device only, your visits match "' +
      (explanation.name || decision.segment) + '":';
    lines = reasonLines(explanation);
  } else if (decision.rule) {
    lead.textContent = 'You see this because, on this device only, your visits match its conditions:';
    lines = reasonLines(engine.explainOffer(decision.offer));
  } else {
    lead.textContent = 'This offer is shown to every visitor.';
  }
  for (const line of lines) {
    const item = doc.createElement('li');
    item.textContent = line;
    list.append(item);
  }
  const privacy = doc.createElement('p');
  privacy.textContent = 'Nothing about your visit leaves this browser.';
  note.append(lead, list, privacy);
  view.append(note);
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
