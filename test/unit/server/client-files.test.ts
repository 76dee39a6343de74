// The web server's files read through the client (server/client-files.ts), with a fake client:
// every answer the contract allows, and the ones it does not — errors, nonsense, too much, none.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CancellationToken, Connection } from 'vscode-languageserver';
import { ClientSource, type ClientLimits } from '../../../server/client-files.ts';
import { SourcedFiles } from '../../../server/workspace-files.ts';
import { Workspace } from '../../../service/workspace.ts';

const ROOT = 'vscode-vfs://github/o/r/etc/proxmox-backup';
const LIMITS: ClientLimits = { answerMs: 50, quietMs: 10_000, totalBytes: 1024, maxFiles: 3 };

type Handler = (params: { uri?: string; maxBytes?: number }, token: CancellationToken) => unknown;

function fakeClient(handlers: Record<string, Handler>) {
  const asked: string[] = [];
  const cancelled: string[] = [];
  const connection = {
    sendRequest(method: string, params: { uri?: string }, token: CancellationToken) {
      asked.push(`${method} ${params.uri ?? ''}`.trim());
      token.onCancellationRequested(() => cancelled.push(method));
      const h = handlers[method];
      return h ? Promise.resolve().then(() => h(params, token)) : Promise.reject(new Error(`Unhandled method ${method}`));
    },
  } as unknown as Connection;
  return { connection, asked, cancelled };
}

function setup(handlers: Record<string, Handler>, limits = LIMITS) {
  const client = fakeClient(handlers);
  const logs: string[] = [];
  const workspace = new Workspace();
  const source = new ClientSource(client.connection, (m) => logs.push(m), limits);
  return { ...client, logs, workspace, source, files: new SourcedFiles(workspace, source, (m) => logs.push(m)) };
}

test('a root is loaded from the listing; texts come from pbs/readFile with the cap; the reasons of the contract', async () => {
  const texts: Record<string, unknown> = {
    [`${ROOT}/datastore.cfg`]: { text: 'datastore: store1\n\tpath /mnt/store1\n' },
    [`${ROOT}/user.cfg`]: { error: 'EntryIsADirectory', reason: 'not-a-file' },
    [`${ROOT}/remote.cfg`]: { error: 'too big', reason: 'too-large' },
    [`${ROOT}/prune.cfg`]: { error: 'invalid UTF-8', reason: 'not-utf8' },
    [`${ROOT}/tape.cfg`]: { error: 'NoPermissions\u001b[2J', reason: 'unreadable' },
    [`${ROOT}/acl.cfg`]: { error: 'gone', reason: 'not-found' },
    [`${ROOT}/node.cfg`]: { something: 'else' },
  };
  const maxBytes: number[] = [];
  const s = setup(
    {
      'pbs/findFiles': () => ({ uris: [...Object.keys(texts), 'vscode-vfs://github/o/r/README.md', 42] }),
      'pbs/readFile': (p) => {
        maxBytes.push(p.maxBytes!);
        return texts[p.uri!];
      },
    },
    { ...LIMITS, maxFiles: 100 },
  );
  await s.files.loadRoot(ROOT, () => false);
  assert.deepEqual(s.workspace.all().map((f) => f.path), [`${ROOT}/datastore.cfg`]);
  assert.ok(maxBytes.every((m) => m === 16 * 1024 * 1024));
  assert.ok(!s.asked.includes('pbs/readFile vscode-vfs://github/o/r/README.md'), 'only PBS files are read');
  const why = Object.fromEntries([...s.files.unreadable()].map(([p, r]) => [p.slice(ROOT.length + 1), r]));
  assert.deepEqual(why, {
    'user.cfg': 'it is not a file (EntryIsADirectory)',
    'remote.cfg': 'it is more than the 16 MiB read at most',
    'prune.cfg': 'it is not valid UTF-8: PBS refuses to read the whole file. Re-save it as UTF-8.',
    'tape.cfg': 'the editor could not read it: NoPermissions\\x1b[2J',
    'node.cfg': 'the editor gave neither its text nor a reason (pbs/readFile answered something else)',
  });
});

test('the listing is capped, and asked once; a client without the request leaves only the open documents', async () => {
  const uris = Array.from({ length: 10 }, (_, i) => `${ROOT}${i}/sync.cfg`);
  const s = setup({ 'pbs/findFiles': () => ({ uris }) });
  assert.deepEqual(await s.source.findAll(['f']), { files: uris.slice(0, 3), truncated: true });
  await s.source.findAll(['f']);
  assert.equal(s.asked.filter((a) => a === 'pbs/findFiles').length, 1);

  const none = setup({});
  assert.deepEqual(await none.source.findAll(['f']), { files: [], truncated: false });
  assert.match(none.logs.join('\n'), /did not list the workspace's PBS files \(Unhandled method pbs\/findFiles\)/);
  // a failed listing is asked again, but told once
  await none.source.findAll(['f']);
  assert.equal(none.asked.length, 2);
  assert.equal(none.logs.length, 1);
});

test('texts are bounded: per file by its UTF-8 size, in all by totalBytes; forgetting a file frees its share', async () => {
  const big = 'datastore: a\n\tpath /x\n'.padEnd(600, '#');
  const texts: Record<string, string> = { [`${ROOT}/datastore.cfg`]: big, [`${ROOT}/sync.cfg`]: big.replace('datastore: a', 'sync: j') };
  const s = setup({ 'pbs/readFile': (p) => ({ text: texts[p.uri!] }) });
  await s.files.reload(`${ROOT}/datastore.cfg`);
  await s.files.reload(`${ROOT}/sync.cfg`);
  assert.equal(s.workspace.all().length, 1);
  assert.match(s.files.unreadable().get(`${ROOT}/sync.cfg`)!, /^the workspace's PBS files read so far take 600 bytes; at most 1 KiB are read in all$/);
  s.files.forget(`${ROOT}/datastore.cfg`);
  await s.files.reload(`${ROOT}/sync.cfg`);
  assert.ok(s.workspace.get(`${ROOT}/sync.cfg`));

  // a text over the per-file cap, counted in UTF-8 bytes (3 per '€'), not in UTF-16 units
  const euros = '#'.repeat(16 * 1024 * 1024 - 3) + '€€';
  const s2 = setup({ 'pbs/readFile': () => ({ text: euros }) }, { ...LIMITS, totalBytes: 64 * 1024 * 1024 });
  await s2.files.reload(`${ROOT}/datastore.cfg`);
  assert.equal(s2.files.unreadable().get(`${ROOT}/datastore.cfg`), 'it is more than the 16 MiB read at most');
});

test('a client that never answers: the request is cancelled after answerMs, and the client is not asked again meanwhile', async () => {
  const s = setup({ 'pbs/readFile': () => new Promise(() => {}), 'pbs/findFiles': () => new Promise(() => {}) });
  const started = performance.now();
  await s.files.reloadAll([`${ROOT}/datastore.cfg`, `${ROOT}/sync.cfg`, `${ROOT}/prune.cfg`, `${ROOT}/user.cfg`, `${ROOT}/remote.cfg`, `${ROOT}/tape.cfg`]);
  assert.ok(performance.now() - started < 2000, 'one wait, not one per file');
  // four asked at once (parallelReads) and cancelled; the others not asked at all
  assert.equal(s.asked.length, 4);
  assert.deepEqual(s.cancelled, ['pbs/readFile', 'pbs/readFile', 'pbs/readFile', 'pbs/readFile']);
  assert.equal(s.files.unreadable().get(`${ROOT}/datastore.cfg`), 'the editor did not answer pbs/readFile within 0.05 s');
  assert.equal(s.files.unreadable().get(`${ROOT}/tape.cfg`), 'the editor did not answer pbs/readFile a moment ago');
  assert.deepEqual(await s.source.findAll(['f']), { files: [], truncated: false });
  assert.equal(s.logs.filter((l) => /^pbs-language-server: the editor did not/.test(l)).length, 2, s.logs.join('\n'));
});
