// The snippet that runs a compiled program: the script tag with data-program and Subresource
// Integrity for both files (the script's `integrity`, checked by the browser; the program's
// `data-program-integrity`, checked by the runtime's fetch). Attribute values are escaped.

const escape = (value) => String(value).replace(/[&"<>]/g, (c) => ({ '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;' }[c]));

export function programSnippet({ scriptUrl, programUrl, scriptIntegrity = '', programIntegrity = '' }) {
  const attributes = [`src="${escape(scriptUrl)}"`];
  if (scriptIntegrity) attributes.push(`integrity="${escape(scriptIntegrity)}"`, 'crossorigin="anonymous"');
  attributes.push(`data-program="${escape(programUrl)}"`);
  if (programIntegrity) attributes.push(`data-program-integrity="${escape(programIntegrity)}"`);
  return `<script ${attributes.join(' ')} defer></script>\n`;
}

/** "sha384-BASE64" of bytes, as Subresource Integrity writes it. */
export async function integrityOf(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-384', bytes));
  let binary = '';
  for (const b of digest) binary += String.fromCharCode(b);
  return 'sha384-' + btoa(binary);
}

/** gzip -9 is what the budgets count; the browser's CompressionStream gives a close figure. */
export async function gzippedSize(bytes) {
  if (typeof CompressionStream !== 'function') return null;
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('gzip'));
  return (await new Response(stream).arrayBuffer()).byteLength;
}
