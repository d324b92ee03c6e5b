#!/usr/bin/env node
// A tiny static file server for the built site (dist/site) with no dependencies:
//   node web/serve.mjs --root dist/site --port 8080 [--host 127.0.0.1] [--csp "POLICY"] [--log]
// Correct MIME types (application/wasm for streaming compilation), index.html for directories,
// no caching (the demo and the tests always see the fresh build), and nothing outside --root.
// Importable too: startServer({ root, port, host, csp, log }) resolves to the listening server.

import { createReadStream, promises as fs } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.jsonl': 'application/x-ndjson; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

async function resolveFile(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const file = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  try {
    const stat = await fs.stat(file);
    if (stat.isFile()) return file;
    if (stat.isDirectory()) {
      const index = path.join(file, 'index.html');
      if ((await fs.stat(index)).isFile()) return index;
    }
  } catch {
    // not found
  }
  return null;
}

/**
 * @param {{ root: string, port?: number, host?: string, csp?: string, log?: boolean, cacheSeconds?: number }} options
 * cacheSeconds: let browsers keep files that long, as a shop's CDN would (default 0: no-store, so
 * every edit shows at once)
 */
export function startServer({ root, port = 8080, host = '127.0.0.1', csp = '', log = false, cacheSeconds = 0 }) {
  const absoluteRoot = path.resolve(root);
  const server = createServer(async (request, response) => {
    const url = new URL(request.url, 'http://localhost');
    const file = request.method === 'GET' || request.method === 'HEAD' ? await resolveFile(absoluteRoot, url.pathname) : null;
    const headers = { 'Cache-Control': cacheSeconds > 0 ? 'public, max-age=' + cacheSeconds : 'no-store', 'X-Content-Type-Options': 'nosniff' };
    if (csp) headers['Content-Security-Policy'] = csp;
    const status = file ? 200 : request.method === 'GET' || request.method === 'HEAD' ? 404 : 405;
    if (log) console.log(`${request.method} ${url.pathname} ${status}`);
    if (!file) {
      response.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
      response.end(status === 404 ? 'Not found\n' : 'Method not allowed\n');
      return;
    }
    headers['Content-Type'] = MIME[path.extname(file).toLowerCase()] || 'application/octet-stream';
    response.writeHead(200, headers);
    if (request.method === 'HEAD') response.end();
    else createReadStream(file).pipe(response);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

function parseArguments(argv) {
  const options = { root: 'dist/site', port: 8080, host: '127.0.0.1', csp: '', log: false };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(name + ' needs a value');
      return argv[++i];
    };
    if (name === '--root') options.root = value();
    else if (name === '--port') options.port = Number(value());
    else if (name === '--host') options.host = value();
    else if (name === '--csp') options.csp = value();
    else if (name === '--log') options.log = true;
    else throw new Error('unknown option ' + name + ' (use --root, --port, --host, --csp, --log)');
  }
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) throw new Error('--port must be 0..65535');
  return options;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  let options;
  try {
    options = parseArguments(process.argv.slice(2));
  } catch (error) {
    console.error('serve.mjs: ' + error.message);
    process.exit(2);
  }
  startServer(options).then(
    (server) => {
      const { port } = server.address();
      console.log(`Serving ${options.root} at http://${options.host === '127.0.0.1' ? 'localhost' : options.host}:${port}/`);
    },
    (error) => {
      console.error('serve.mjs: ' + error.message);
      process.exit(1);
    },
  );
}
