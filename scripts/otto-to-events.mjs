#!/usr/bin/env node
// Converts the OTTO session sample (data/otto-sessions.jsonl) into shopper-segments
// replay lines:  node scripts/otto-to-events.mjs [SESSIONS.jsonl] > events.jsonl
//
// Data: OTTO e-commerce recommendation dataset (otto-de/recsys-dataset), (c) OTTO (GmbH & Co KG),
// licensed under CC-BY 4.0 (https://creativecommons.org/licenses/by/4.0/). Keep this attribution
// wherever the data or anything converted from it is shipped.
//
// Mapping: session N -> visitor "otto-N"; clicks -> view_item, carts -> add_to_cart,
// orders -> purchase; aid -> item_id. Orders of one session with the same time stamp are one
// checkout, so they become one purchase with one entry per article in `items`.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const input = process.argv[2] ?? path.join(here, '..', 'data', 'otto-sessions.jsonl');

const EVENT_TYPES = { clicks: 'view_item', carts: 'add_to_cart', orders: 'purchase' };

function convertSession(session) {
  const visitor = `otto-${session.session}`;
  const lines = [];
  const events = session.events;
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    const type = EVENT_TYPES[event.type];
    if (!type) throw new Error(`session ${session.session}: unknown event type ${event.type}`);
    const head = { visitor, ts: event.ts, type };
    if (type !== 'purchase') {
      lines.push(JSON.stringify({ ...head, item_id: String(event.aid) }));
      continue;
    }
    const items = [{ item_id: String(event.aid) }];
    while (i + 1 < events.length && events[i + 1].type === 'orders' && events[i + 1].ts === event.ts) {
      items.push({ item_id: String(events[++i].aid) });
    }
    lines.push(JSON.stringify({ ...head, items }));
  }
  return lines;
}

const reader = createInterface({ input: createReadStream(input), crlfDelay: Infinity });
let number = 0;
const out = [];
for await (const line of reader) {
  number++;
  if (line.trim() === '') continue;
  let session;
  try {
    session = JSON.parse(line);
  } catch (error) {
    console.error(`${input}:${number}: ${error.message}`);
    process.exit(1);
  }
  out.push(...convertSession(session));
  if (out.length >= 4096) process.stdout.write(out.splice(0).join('\n') + '\n');
}
if (out.length) process.stdout.write(out.join('\n') + '\n');
