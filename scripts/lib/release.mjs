// scripts/release: the storefront files of dist/ under versioned, content-hashed names, so that a
// shop (or a CDN) can cache them for ever and a page names exactly the bytes it was tested with.
//
//   node scripts/lib/release.mjs [--out DIR] [--base URL] [--program FILE] [--changelog FILE] [--date YYYY-MM-DD]
//
// Writes into DIR (default dist/release/, emptied first):
//   shopper-segments.<version>.<hash8>.js        the classic script
//   shopper-segments.<version>.<hash8>.wasm      the runtime, found by the script through data-wasm
//   <program>.<version>.<hash8>.bin              the program the snippet loads: the built-in
//                                                catalogue (shopper-segments.catalog...) or --program FILE
//   shopper-segments-toolkit.mjs, .wasm          the owner toolkit under its own names (the script
//                                                imports it from beside itself, only for pages that
//                                                give JSON or use data-why): not content-hashed
//   snippet.html                                 the embed snippet (integrity, crossorigin, data-wasm,
//                                                data-wasm-integrity, data-program, data-program-integrity)
//   release.json                                 version, commit, and per file: name, bytes, gzip -9
//                                                bytes, sha384 integrity; the snippet
// and an entry for the version in CHANGELOG.md (default the repository's; --changelog FILE another):
// the notes under "## Unreleased" move into it, followed by the files and their integrity hashes.
// <hash8> is the first 8 hex digits of the file's SHA-256; <version> is the CMake project's.
// --base is the URL path the files are served under (default "/").
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = path.join(root, 'dist');

function options(argv) {
  const result = {
    out: path.join(dist, 'release'), base: '/', program: null,
    changelog: path.join(root, 'CHANGELOG.md'), date: new Date().toISOString().slice(0, 10),
  };
  for (let i = 0; i < argv.length; i += 1) {
    const key = argv[i].replace(/^--/, '');
    if (!(key in result) || argv[i + 1] === undefined) {
      throw new Error('usage: scripts/release [--no-build] [--out DIR] [--base URL] [--program FILE] [--changelog FILE] [--date YYYY-MM-DD]');
    }
    result[key] = argv[++i];
  }
  if (!result.base.endsWith('/')) result.base += '/';
  return result;
}

export function projectVersion() {
  const match = /project\(\s*ShopperSegments\s+VERSION\s+([0-9]+\.[0-9]+\.[0-9]+)/.exec(readFileSync(path.join(root, 'CMakeLists.txt'), 'utf8'));
  if (!match) throw new Error('release: no project VERSION in CMakeLists.txt');
  return match[1];
}

export const integrityOf = (bytes) => 'sha384-' + createHash('sha384').update(bytes).digest('base64');
export const hash8Of = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 8);

function commit() {
  try {
    return execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

function snippetOf(base, files) {
  const url = (file) => base + file.name;
  const { script, wasm, program } = files;
  return [
    `<script src="${url(script)}" integrity="${script.integrity}" crossorigin="anonymous"`,
    `        data-wasm="${url(wasm)}" data-wasm-integrity="${wasm.integrity}"`,
    `        data-program="${url(program)}" data-program-integrity="${program.integrity}" defer></script>`,
  ].join('\n');
}

/** The changelog with the version's entry (the Unreleased notes, then the files) in place. */
function changelogWith(text, version, date, files, snippet, sha) {
  const lines = [`## ${version} — ${date}`, ''];
  let notes = '';
  let rest = text || '# Changelog\n\nAll notable changes of Shopper Segments. `scripts/release` writes each version\'s entry:\nthe notes under "Unreleased", then the released files.\n\n## Unreleased\n';
  const unreleased = /^## Unreleased[ \t]*\n([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(rest);
  if (unreleased) {
    notes = unreleased[1].trim();
    rest = rest.slice(0, unreleased.index) + '## Unreleased\n\n' + rest.slice(unreleased.index + unreleased[0].length);
  } else {
    rest = rest.replace(/^(# .*\n(?:(?!## )[^\n]*\n)*)/, '$1## Unreleased\n\n');
  }
  // Releasing a version again replaces its entry (keeping its notes when Unreleased has none).
  const previous = new RegExp(`^## ${version.replace(/\./g, '\\.')} [^\\n]*\\n([\\s\\S]*?)(?=^## |(?![\\s\\S]))`, 'm').exec(rest);
  if (previous) {
    if (!notes) notes = previous[1].split(/^Files( \(commit [0-9a-f]+\))?:$/m)[0].trim();
    rest = rest.slice(0, previous.index) + rest.slice(previous.index + previous[0].length);
  }
  if (notes) lines.push(notes, '');
  lines.push(`Files${sha ? ` (commit ${sha})` : ''}:`, '');
  lines.push('| file | bytes | gzip -9 | integrity |', '|---|---|---|---|');
  for (const file of Object.values(files)) lines.push(`| \`${file.name}\` | ${file.bytes} | ${file.gzip} | \`${file.integrity}\` |`);
  lines.push('', 'Embed:', '', '```html', snippet, '```', '');
  const entry = lines.join('\n') + '\n';
  const at = rest.indexOf('## Unreleased\n\n');
  const insertAt = at === -1 ? rest.length : at + '## Unreleased\n\n'.length;
  return rest.slice(0, insertAt) + entry + rest.slice(insertAt).replace(/^\n+/, '');
}

function main() {
  const opts = options(process.argv.slice(2));
  const version = projectVersion();
  const sources = {
    script: ['shopper-segments.js', 'shopper-segments', '.js'],
    wasm: ['shopper-segments.wasm', 'shopper-segments', '.wasm'],
  };
  const programSource = opts.program ? path.resolve(opts.program) : path.join(dist, 'shopper-segments.catalog.bin');
  for (const [name] of Object.values(sources)) {
    if (!existsSync(path.join(dist, name))) throw new Error(`release: dist/${name} is missing (run scripts/build)`);
  }
  if (!existsSync(programSource)) throw new Error(`release: ${programSource} is missing`);
  const programBytes = readFileSync(programSource);
  if (programBytes.subarray(0, 4).toString('latin1') !== 'SSEG') throw new Error(`release: ${programSource} is not a compiled program (compile it with shopper-segments compile)`);

  rmSync(opts.out, { recursive: true, force: true });
  mkdirSync(opts.out, { recursive: true });
  const files = {};
  const put = (key, stem, extension, bytes) => {
    const name = `${stem}.${version}.${hash8Of(bytes)}${extension}`;
    writeFileSync(path.join(opts.out, name), bytes);
    files[key] = { name, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, integrity: integrityOf(bytes) };
  };
  for (const [key, [name, stem, extension]] of Object.entries(sources)) put(key, stem, extension, readFileSync(path.join(dist, name)));
  const programStem = path.basename(programSource).replace(/\.bin$/, '');
  put('program', programStem, '.bin', programBytes);
  for (const name of ['shopper-segments-toolkit.mjs', 'shopper-segments-toolkit.wasm']) {
    if (existsSync(path.join(dist, name))) copyFileSync(path.join(dist, name), path.join(opts.out, name));
  }

  const snippet = snippetOf(opts.base, files);
  const sha = commit();
  writeFileSync(path.join(opts.out, 'snippet.html'), snippet + '\n');
  writeFileSync(path.join(opts.out, 'release.json'), JSON.stringify({ version, commit: sha, date: opts.date, base: opts.base, files, snippet }, null, 2) + '\n');
  const changelog = existsSync(opts.changelog) ? readFileSync(opts.changelog, 'utf8') : '';
  writeFileSync(opts.changelog, changelogWith(changelog, version, opts.date, files, snippet, sha));

  console.log(`release ${version}${sha ? ` (${sha})` : ''} in ${path.relative(process.cwd(), opts.out) || '.'}:`);
  for (const file of Object.values(files)) console.log(`  ${file.name.padEnd(52)} ${String(file.gzip).padStart(6)} B gzip  ${file.integrity}`);
  console.log(`changelog: ${path.relative(process.cwd(), opts.changelog)}\nsnippet:\n${snippet}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
