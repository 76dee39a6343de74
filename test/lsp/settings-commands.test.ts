// Settings pulled with workspace/configuration, inlay hints (off by default), the toolbox
// commands of workspace/executeCommand, result caps with a single notice, and cancellation —
// all over stdio, as Neovim or Emacs would talk to the server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ResponseError } from 'vscode-jsonrpc';
import { startClient } from '../helpers/lsp.ts';
import { datastoreCfg } from '../../bench/synthetic.ts';

const BROKEN = 'prune: job1\n\tstore store1\n\tkeep-last 0\n\tkeep-daily 0\n\tkeep-weekly 0\n\tschedule nightly\n';

async function requestError(p: Promise<unknown>): Promise<ResponseError<unknown>> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ResponseError) return err;
    throw err;
  }
  throw new Error('expected an error response');
}

test('pbs.validation.enable, pbs.limits.maxDiagnostics and fileAssociations follow workspace/configuration', async () => {
  let settings: unknown = { validation: { enable: true }, limits: { maxDiagnostics: 2 } };
  const notices: string[] = [];
  const client = await startClient({ configuration: () => settings, onShowMessage: (m) => notices.push(m.message) });
  try {
    const uri = 'file:///nonexistent/pbs-settings/prune.cfg';
    const first = client.nextDiagnostics(uri);
    await client.open(uri, BROKEN);
    const capped = (await first).diagnostics;
    // capped at maxDiagnostics: the first two, and one closing problem where the rest begin
    assert.deepEqual(capped.map((d) => d.code), ['out-of-range', 'out-of-range', 'too-many-problems']);
    assert.equal(capped[2].range.start.line, 4);
    // a second version still capped, but the notice came once
    const second = client.nextDiagnostics(uri, (p) => p.version === 2);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: BROKEN + '\tkeep-hourly 0\n' }] });
    assert.equal((await second).diagnostics.length, 3);
    assert.deepEqual(notices, ['prune.cfg: showing the first 2 of 4 problems; raise pbs.limits.maxDiagnostics to see more.']);

    // Validation off: the server re-publishes empty diagnostics when told the settings changed.
    settings = { validation: { enable: false } };
    const off = client.nextDiagnostics(uri, (p) => p.diagnostics.length === 0);
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await off;

    // A Jinja template of datastore.cfg, by association.
    settings = { fileAssociations: { '*.cfg.j2': 'datastore.cfg' } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const tpl = 'file:///nonexistent/pbs-settings/templates/datastore.cfg.j2';
    // (the settings may arrive just after the open: the server re-checks open files then)
    const tplDiags = client.nextDiagnostics(tpl, (p) => p.diagnostics.length > 0);
    await client.open(tpl, 'datastore: store1\n\tpath /mnt/store1\n\tgc-schedul daily\n');
    assert.deepEqual((await tplDiags).diagnostics.map((d) => d.code), ['unknown-property']);
  } finally {
    await client.close();
  }
});

test('settings from initializationOptions for clients without workspace/configuration', async () => {
  const client = await startClient({ initializationOptions: { validation: { enable: false } } });
  try {
    const uri = 'file:///nonexistent/pbs-init/prune.cfg';
    const d = client.nextDiagnostics(uri);
    await client.open(uri, BROKEN);
    assert.deepEqual((await d).diagnostics, []);
  } finally {
    await client.close();
  }
});

test('inlay hints are off by default and show human forms when pbs.inlayHints.enable is set', async () => {
  let settings: unknown = {};
  const client = await startClient({ configuration: () => settings });
  try {
    assert.equal(client.initializeResult.capabilities.inlayHintProvider, true);
    const uri = 'file:///nonexistent/pbs-inlay/user.cfg';
    const opened = client.nextDiagnostics(uri);
    await client.open(uri, 'user: a@pbs\n\texpire 1767225600\n');
    await opened;
    const range = { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } };
    assert.deepEqual(await client.connection.sendRequest('textDocument/inlayHint', { textDocument: { uri }, range }), []);
    settings = { inlayHints: { enable: true } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    let hints: { position: unknown; label: string }[] = [];
    for (let i = 0; i < 50 && hints.length === 0; i++) {
      hints = (await client.connection.sendRequest('textDocument/inlayHint', { textDocument: { uri }, range })) as typeof hints;
      if (hints.length === 0) await new Promise((r) => setTimeout(r, 20));
    }
    assert.equal(hints.length, 1);
    assert.deepEqual(hints[0].position, { line: 1, character: 18 });
    assert.match(hints[0].label, /^= 2026-01-01 \d\d:00:00[+-]\d\d:\d\d$|^= 2026-01-01 00:00:00Z?$/);
  } finally {
    await client.close();
  }
});

test('workspace/executeCommand: sha256, key info, certificate info, next runs; precise errors', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pbs-exec-'));
  const data = Buffer.from('proxmox backup server\n');
  writeFileSync(join(dir, 'file.bin'), data);
  writeFileSync(
    join(dir, 'key.json'),
    JSON.stringify({ kdf: null, created: '2024-06-01T12:00:00+02:00', modified: '2024-06-01T12:00:00+02:00', data: Buffer.alloc(32, 7).toString('base64') }),
  );
  writeFileSync(join(dir, 'not.pem'), 'hello');
  const client = await startClient();
  try {
    const caps = client.initializeResult.capabilities.executeCommandProvider as { commands: string[] };
    assert.deepEqual(caps.commands, ['pbs.server.sha256', 'pbs.server.keyInfo', 'pbs.server.certInfo', 'pbs.server.nextRuns', 'pbs.server.jobCalendar', 'pbs.server.simulatePrune']);
    const exec = (command: string, args: unknown[]) => client.connection.sendRequest('workspace/executeCommand', { command, arguments: args });

    assert.deepEqual(await exec('pbs.server.sha256', [join(dir, 'file.bin')]), {
      path: join(dir, 'file.bin'),
      sha256: createHash('sha256').update(data).digest('hex'),
      size: data.length,
    });
    assert.deepEqual(await exec('pbs.server.sha256', [pathToFileURL(join(dir, 'file.bin')).href]).then((r) => (r as { size: number }).size), data.length);
    const key = (await exec('pbs.server.keyInfo', [join(dir, 'key.json')])) as { kdf: string; fingerprint: string };
    assert.equal(key.kdf, 'none');
    assert.match(key.fingerprint, /^([0-9a-f]{2}:){31}[0-9a-f]{2}$/);
    const runs = (await exec('pbs.server.nextRuns', ['mon..fri 02:30', 3, '2026-01-02T00:00:00Z'])) as { runs: { utc: string }[]; meaning: string };
    assert.equal(runs.runs.length, 3);
    assert.match(runs.meaning, /Monday|Mon/);

    const missing = await requestError(exec('pbs.server.sha256', [join(dir, 'nope.bin')]));
    assert.equal(missing.code, -32602);
    assert.match(missing.message, /^cannot read file '.*nope\.bin': no such file$/);
    assert.match((await requestError(exec('pbs.server.certInfo', [join(dir, 'not.pem')]))).message, /not\.pem/);
    assert.match((await requestError(exec('pbs.server.nextRuns', ['nightly']))).message, /'nightly' is not a PBS schedule/);
    assert.match((await requestError(exec('pbs.server.nextRuns', ['daily', 0]))).message, /count must be a whole number from 1 to 100/);
    assert.match((await requestError(exec('pbs.server.sha256', [42]))).message, /first argument must be a file path/);
    assert.match((await requestError(exec('pbs.server.format-disk', []))).message, /unknown command/);
    // still alive
    assert.equal(((await exec('pbs.server.nextRuns', ['daily', 1])) as { runs: unknown[] }).runs.length, 1);
  } finally {
    await client.close();
  }
});

test('pbs.limits.maxResults cuts completion (marked incomplete, filtered by what is typed) with one notice; cancelled requests get -32800', async () => {
  const notices: string[] = [];
  const client = await startClient({ configuration: () => ({ limits: { maxResults: 50 } }), onShowMessage: (m) => notices.push(m.message) });
  try {
    const dsUri = 'file:///nonexistent/pbs-caps/datastore.cfg';
    const syncUri = 'file:///nonexistent/pbs-caps/sync.cfg';
    const ready = client.nextDiagnostics(dsUri);
    await client.open(dsUri, datastoreCfg(1000));
    await ready;
    const syncReady = client.nextDiagnostics(syncUri);
    await client.open(syncUri, 'sync: job1\n\tstore \n');
    await syncReady;
    const complete = (character: number) =>
      client.connection.sendRequest('textDocument/completion', { textDocument: { uri: syncUri }, position: { line: 1, character } }) as Promise<{
        isIncomplete: boolean;
        items: { label: string }[];
      }>;
    const all = await complete(7);
    assert.equal(all.isIncomplete, true);
    assert.equal(all.items.length, 50);
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: syncUri, version: 2 },
      contentChanges: [{ range: { start: { line: 1, character: 7 }, end: { line: 1, character: 7 } }, text: 'store99' }],
    });
    const typed = await complete(14);
    assert.ok(typed.items.some((i) => i.label === 'store999'), 'what is typed narrows the candidates before the cut');
    // editors filter fuzzily (s-t-o-r-e-9-9 in order), and so does the server before cutting
    assert.ok(typed.items.every((i) => /^store\d*9\d*9/.test(i.label)), typed.items.map((i) => i.label).join());
    assert.equal(typed.items.length, 28);
    assert.equal(typed.isIncomplete, false);
    assert.equal(notices.filter((n) => n.includes('completion items')).length, 1, notices.join('\n'));

    // Symbols of the big file are cut too.
    const symbols = (await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: dsUri } })) as unknown[];
    assert.equal(symbols.length, 50);

    // Cancel requests right after sending them: each gets its result or RequestCancelled.
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const source = new (await import('vscode-jsonrpc')).CancellationTokenSource();
        const p = client.connection.sendRequest('textDocument/hover', { textDocument: { uri: dsUri }, position: { line: i * 8 + 2, character: 18 } }, source.token);
        source.cancel();
        try {
          await p;
          return 'result';
        } catch (err) {
          return err instanceof ResponseError ? err.code : String(err);
        }
      }),
    );
    for (const o of outcomes) assert.ok(o === 'result' || o === -32800, `unexpected outcome ${o}`);
    const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: dsUri }, position: { line: 2, character: 18 } });
    assert.ok(hover, 'the server still answers after cancellations');
  } finally {
    await client.close();
  }
});
