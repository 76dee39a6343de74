// schema/kinds/*.json is the one source of the PBS file kinds (`npm run kinds:sync` writes their
// table, schema/file-kinds.generated.ts). What the code needs schema/file-kinds.ts derives at run
// time (fileKindOfPath, the VS Code extension's document selector, the server's file watchers, the
// build's JSON schemas); the static lists users copy or VS Code reads
// cannot, so this test checks each of them against the table and says what to add or remove where.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import picomatch from 'picomatch';
import { parse } from 'smol-toml';
import { CONFIG_FOLDER_GLOB, FILE_KINDS, fileKindOfPath, jsonSchemaUrl, kindSchemaFile, type FileKind } from '../../../schema/file-kinds.ts';
import { kindSchema } from '../../../schema/registry.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

const CONFIG_KINDS = FILE_KINDS.filter((k) => k.family !== 'json');
const JSON_KINDS = FILE_KINDS.filter((k) => k.family === 'json');

/** What is missing from `actual` and what it has beyond `expected`, as one instruction. */
function sameList(where: string, actual: readonly string[], expected: readonly string[], show = (s: string) => JSON.stringify(s)): void {
  const add = expected.filter((e) => !actual.includes(e));
  const remove = actual.filter((a) => !expected.includes(a));
  const what = [add.length ? `add ${add.map(show).join(', ')}` : '', remove.length ? `remove ${remove.map(show).join(', ')}` : ''].filter(Boolean);
  assert.ok(what.length === 0, `${where}: ${what.join('; ')} (the kinds are schema/kinds/*.json)`);
}

/** A glob that is a file name anywhere (`**\/datastore.cfg`) gives the name; undefined otherwise. */
function fileNameOf(glob: string): string | undefined {
  const rest = glob.slice(3);
  return glob.startsWith('**/') && !/[/*?[{]/.test(rest) ? rest : undefined;
}

/**
 * A glob as Helix (globset over the whole path, `*` crossing '/') and Vim's autocmd patterns take
 * it: a file name stays a name, `**\/a/b` becomes `*\/a/b`, and `/**\/` inside is one `/`.
 */
function editorGlob(glob: string): string {
  return fileNameOf(glob) ?? glob.replace(/^\*\*\//, '*/').replace(/\/\*\*\//g, '/');
}

const CONFIG_GLOBS = [...CONFIG_KINDS.flatMap((k) => k.globs), CONFIG_FOLDER_GLOB];

/** A path the glob matches, as a PBS installation has it. */
function samplePath(glob: string): string {
  return glob.replace(/^\*\*\//, '/etc/proxmox-backup/').replace(/\/\*\*\//g, '/sub/').replace(/\[\^_\]/g, 'a').replace(/\*/g, 'x');
}

test('schema/kinds holds one schema per kind of the table, named after it, with its family; the registry has each', () => {
  const files = readdirSync(join(ROOT, 'schema', 'kinds')).filter((f) => f.endsWith('.json'));
  sameList('schema/kinds/', files, FILE_KINDS.map(kindSchemaFile));
  for (const kind of FILE_KINDS) {
    const schema = JSON.parse(read(`schema/kinds/${kindSchemaFile(kind)}`)) as Record<string, unknown>;
    assert.equal(schema.title, kind.name, `schema/kinds/${kindSchemaFile(kind)}: "title" must be "${kind.name}"`);
    assert.equal(schema.$id, `pbs-tools:${kind.name}`, `schema/kinds/${kindSchemaFile(kind)}: "$id" must be "pbs-tools:${kind.name}"`);
    assert.equal(schema['x-pbs-family'], kind.family, `schema/kinds/${kindSchemaFile(kind)}: "x-pbs-family" must be "${kind.family}" as in schema/file-kinds.generated.ts (npm run kinds:sync)`);
    assert.ok(kindSchema(kind.name)?.title === kind.name, `schema/kinds.generated.ts has no schema for '${kind.name}': run npm run kinds:sync`);
  }
});

test('every glob of the table finds its kind, and only its kind', () => {
  for (const kind of FILE_KINDS) {
    for (const glob of kind.globs) assert.equal(fileKindOfPath(samplePath(glob))?.name, kind.name, `${glob} (${samplePath(glob)})`);
  }
  // a name alone is not enough where PBS keeps the file in a folder
  assert.equal(fileKindOfPath('/srv/plugins.cfg'), undefined);
  assert.equal(fileKindOfPath('/etc/proxmox-backup/acme/accounts/_tmp'), undefined);
  assert.equal(fileKindOfPath('C:\\pbs\\acme\\accounts\\default')?.name, 'acme/accounts');
  assert.equal(fileKindOfPath('/etc/proxmox-backup/acme/accounts/datastore.cfg')?.name, 'acme/accounts');
  assert.equal(fileKindOfPath('/home/u/.config/proxmox-backup/encryption-key.json')?.name, 'encryption-key.json');
  assert.equal(fileKindOfPath('datastore.cfg')?.name, 'datastore.cfg');
  // folders above are not read: control characters or a newline in them change nothing
  assert.equal(fileKindOfPath('/tmp/etc\x1b]0;x\x07\nfake.cfg:1:1: ok/datastore.cfg')?.name, 'datastore.cfg');
  assert.equal(fileKindOfPath(`untitled:${'a'.repeat(100_000)}`), undefined);
});

test('a path is of a kind exactly when picomatch matches the whole path with one of its globs', () => {
  // fileKindOfPath compares names without glob syntax itself and leaves the others to picomatch
  const names = [...new Set(FILE_KINDS.flatMap((k) => k.globs).map((g) => g.split('/').pop()!.replace(/\[\^_\]\*|\*/g, 'x')))];
  const variants = names.flatMap((n) => [n, n.toUpperCase(), `.${n}`, `${n}.bak`, `${n}~`, n.slice(1), `${n} `, `_${n}`]);
  const folders = ['', '/etc/proxmox-backup/', 'etc/proxmox-backup/acme/', '/x/acme/accounts/', '/x/acme/plugins/', '/x/encryption-keys/', '/x/.hidden/', 'C:/pbs/'];
  const globs = FILE_KINDS.flatMap((kind) => kind.globs.map((glob) => ({ kind: kind.name, isMatch: picomatch(glob, { dot: true }) })));
  let checked = 0;
  for (const folder of folders) {
    for (const name of variants) {
      const path = `${folder}${name}`;
      const matching = globs.filter((g) => g.isMatch(path)).map((g) => g.kind);
      const found = fileKindOfPath(path)?.name;
      if (found === undefined) assert.deepEqual(matching, [], path);
      else assert.ok(matching.includes(found), `${path}: ${found}, picomatch: ${matching.join(', ')}`);
      if (found !== undefined) checked++;
    }
  }
  assert.ok(checked > 100, `${checked} paths of a kind`);
});

test('package.json: the pbs-config language, the JSON language and jsonValidation list every kind', () => {
  const c = JSON.parse(read('package.json')).contributes;
  const lang = (id: string) => c.languages.find((l: { id: string }) => l.id === id) as { filenames?: string[]; filenamePatterns?: string[] };
  const config = lang('pbs-config');
  sameList('package.json contributes.languages[pbs-config].filenames', config.filenames ?? [], CONFIG_GLOBS.flatMap((g) => fileNameOf(g) ?? []));
  sameList('package.json contributes.languages[pbs-config].filenamePatterns', config.filenamePatterns ?? [], CONFIG_GLOBS.filter((g) => !fileNameOf(g)));
  // JSON files without a .json name need the JSON language for VS Code's own validation
  const bare = JSON_KINDS.flatMap((k) => k.globs).filter((g) => !g.endsWith('.json'));
  const json = lang('json');
  sameList('package.json contributes.languages[json].filenames', json.filenames ?? [], bare.flatMap((g) => fileNameOf(g) ?? []));
  sameList('package.json contributes.languages[json].filenamePatterns', json.filenamePatterns ?? [], bare.filter((g) => !fileNameOf(g)));
  const entry = (v: { fileMatch: string[]; url: string }) => `{ "fileMatch": ${JSON.stringify(v.fileMatch)}, "url": "${v.url}" }`;
  sameList(
    'package.json contributes.jsonValidation',
    c.jsonValidation.map(entry),
    JSON_KINDS.map((k: FileKind) => entry({ fileMatch: [...k.globs], url: jsonSchemaUrl(k) })),
    (s) => s,
  );
});

test('editors/helix/languages.toml opens every PBS config file, and nothing else', () => {
  const expected = CONFIG_GLOBS.map(editorGlob);
  const helix = parse(read('editors/helix/languages.toml')) as unknown as { language: { name: string; 'file-types': { glob: string }[] }[] };
  sameList('editors/helix/languages.toml [[language]] file-types', helix.language[0]['file-types'].map((f) => f.glob), expected, (g) => `{ glob = "${g}" }`);
});

test('editors/neovim/pbs.lua opens every PBS config file, and nothing else', () => {
  const expected = CONFIG_GLOBS.map(editorGlob);
  const lua = /local pbs_files = \{([^}]*)\}/.exec(read('editors/neovim/pbs.lua'));
  assert.ok(lua, 'editors/neovim/pbs.lua has no `local pbs_files = { ... }`');
  sameList('editors/neovim/pbs.lua pbs_files', [...lua[1].matchAll(/'([^']*)'/g)].map((m) => m[1]), expected, (g) => `'${g}'`);
});

test("editors/emacs/pbs-tools.el's auto-mode-alist opens every PBS config file, and no PBS JSON file", () => {
  const el = read('editors/emacs/pbs-tools.el');
  const list = /\(dolist \(re '\(([^)]*(?:\)[^)]*)*?)\)\)\n/.exec(el);
  assert.ok(list, 'editors/emacs/pbs-tools.el has no (dolist (re \'("…" …)) …) for auto-mode-alist');
  // Emacs regexps in Lisp strings → JavaScript: `\\(` `\\|` `\\)` group, `\\'` ends the text
  const regexes = [...list[1].matchAll(/"((?:[^"\\]|\\.)*)"/g)].map(
    (m) => new RegExp(m[1].replace(/\\\\/g, '\\').replace(/\\'/g, '$').replace(/\\([(|)])/g, '$1')),
  );
  for (const glob of CONFIG_GLOBS) {
    assert.ok(regexes.some((r) => r.test(samplePath(glob))), `editors/emacs/pbs-tools.el: no auto-mode-alist regexp opens ${samplePath(glob)} (${glob}); add it`);
  }
  for (const glob of JSON_KINDS.flatMap((k) => k.globs)) {
    const path = samplePath(glob).replace('/etc/proxmox-backup/', '/home/u/');
    assert.ok(!regexes.some((r) => r.test(path)), `editors/emacs/pbs-tools.el opens the JSON file ${path} as PBS config`);
  }
});

test("README's feature list names every kind", () => {
  const readme = read('README.md');
  const start = readme.indexOf('- **Knows every PBS configuration file**');
  assert.ok(start >= 0, 'README.md has no "Knows every PBS configuration file" item');
  const item = readme.slice(start, readme.indexOf('\n- ', start + 1));
  const missing = FILE_KINDS.filter((k) => !new RegExp(`(^|[\\s,(])${k.name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}([\\s,.)]|$)`).test(item));
  assert.deepEqual(missing.map((k) => k.name), [], 'README.md "Knows every PBS configuration file": add these kinds');
});

test('the globs are ones picomatch, VS Code and the editors read alike (no braces, no extglobs)', () => {
  for (const glob of [...FILE_KINDS.flatMap((k) => k.globs), CONFIG_FOLDER_GLOB]) {
    assert.doesNotMatch(glob, /[{}]|[!+@?*]\(/, glob);
    assert.ok(glob.startsWith('**/'), `${glob}: a kind's glob starts with **/ (fileKindOfPath matches the rest against the path's last segments)`);
    assert.ok(picomatch.scan(glob).isGlob, glob);
  }
});
