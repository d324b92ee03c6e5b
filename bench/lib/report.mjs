// The readable table of bench/run.mjs.

function format(value) {
  if (Math.abs(value) >= 1e5) return Math.round(value).toLocaleString('en-US');
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(3);
}

/** @param budgets Array<{line}>: one line each after the table, `figure: value (budget ..., met|NOT met)` */
export function printTable(results, notes, budgets = []) {
  const lines = ['shopper-segments vs JavaScript rule engines (bench/run.mjs; CPU time unless noted; medians)'];
  const width = Math.max(...results.map((r) => r.name.length));
  for (const r of results) {
    lines.push(`  ${r.name.padEnd(width)} ${format(r.value).padStart(12)} ${r.unit.padEnd(9)} ${r.note}`);
  }
  for (const note of notes.filter(Boolean)) lines.push('  note: ' + note);
  if (budgets.length) {
    lines.push('budgets (issue "Two modules"; this run, this machine):');
    for (const b of budgets) lines.push('  ' + b.line);
  }
  process.stdout.write(lines.join('\n') + '\n');
}
