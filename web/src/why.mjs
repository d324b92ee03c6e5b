// "Why am I seeing this?": a small note in an offer, placed before its action (a link or a
// [data-seg-convert] element) so the note never covers it. It says the owner's `why` sentence of
// the offer or of its segment when there is one, else the toolkit's sentences for the shopper
// about what held (explain.cpp `shopper`): this file renders them and never words a rule itself.
// Text only. The control is a button: aria-expanded and aria-controls tell what it opened, and the
// note is a polite live region, so the words are announced when they arrive.

let notes = 0;

/**
 * @param {Document} doc
 * @param {Element} view the offer's root element
 * @param {{ offer: string, segment: string | null, rule?: boolean }} decision
 * @param {{ explain(id: string): any, explainOffer(id: string): any }} engine
 * @param {Element | null} control the "Why am I seeing this?" button
 */
export function renderWhy(doc, view, decision, engine, control) {
  const open = view.querySelector('.seg-why');
  if (open) {
    open.remove();
    if (control) control.setAttribute('aria-expanded', 'false');
    return;
  }
  const note = doc.createElement('div');
  note.className = 'seg-why';
  note.id = 'seg-why-' + ++notes;
  note.setAttribute('role', 'note');
  note.setAttribute('aria-live', 'polite');
  const lead = doc.createElement('p');
  const list = doc.createElement('ul');
  const privacy = doc.createElement('p');
  privacy.textContent = 'Nothing about your visit leaves this browser.';
  note.append(lead, list, privacy);
  const action = view.querySelector('a[href], [data-seg-convert]');
  let before = action;
  while (before && before.parentNode !== view) before = before.parentNode;
  if (before) before.before(note);
  else view.append(note);
  if (control) {
    control.setAttribute('aria-expanded', 'true');
    control.setAttribute('aria-controls', note.id);
  }
  // The explanations come from the owner toolkit, loaded on the first click of a page that runs a
  // compiled program: the note opens at once and fills in when they arrive.
  lead.textContent = 'Looking up why\u2026';
  Promise.all([
    engine.explainOffer(decision.offer),
    decision.segment ? engine.explain(decision.segment) : null,
  ]).then(([offer, segment]) => {
    const words = noteWords(offer, segment, decision);
    lead.textContent = words.lead;
    for (const line of words.lines) {
      const item = doc.createElement('li');
      item.textContent = line;
      list.append(item);
    }
  }, () => {
    lead.textContent = 'The reasons could not be loaded right now.';
  });
}

/**
 * What the note says: the owner's sentence (the offer's, else its segment's), else the sentences
 * of the conditions that held.
 * @returns {{ lead: string, lines: string[] }}
 */
export function noteWords(offer, segment, decision) {
  const why = (offer && offer.why) || (segment && segment.why);
  if (why) return { lead: /[.!?]$/.test(why) ? why : why + '.', lines: [] };
  const lines = segment ? reasonLines(segment) : decision.rule && offer ? reasonLines(offer) : [];
  if (lines.length === 0) return { lead: 'This offer is shown to every visitor.', lines };
  return { lead: 'You see this because of your visits on this device:', lines };
}

// The explanation's shopper sentences, at most five: for a scored segment those of the signals
// that held; for a rule, the conditions that made it hold, leaves of the tree. Each sentence
// states what the visit found ("You have not placed an order yet"), so a condition that counted
// by not holding (under a "not") reads the same way as one that held.
export function reasonLines(explanation) {
  const lines = [];
  // `held`: the outcome that makes `node` a reason (true, or false under a "not").
  const visit = (node, held) => {
    if (!node || node.held !== held) return;
    const children = node.children || [];
    if (node.kind === 'not') visit(children[0], !held);
    else if (children.length) children.forEach((child) => visit(child, held));
    else if (typeof node.shopper === 'string' && !lines.includes(node.shopper)) lines.push(node.shopper);
  };
  if (Array.isArray(explanation.signals)) {
    for (const signal of explanation.signals) if (signal.held) visit(signal.tree, true);
  } else {
    visit(explanation.tree, true);
  }
  return lines.slice(0, 5);
}
