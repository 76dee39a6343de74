// The web language server (dist/web/server.js) as VS Code for the Web runs it: in a context with
// only a Web Worker's globals, spoken to over postMessage. Everything on open documents works as
// on the Node server; the commands that need a disk are not offered.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CancellationTokenSource, ResponseError } from 'vscode-jsonrpc/node.js';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { PICTURE_COMMAND_IDS, PORTABLE_TOOL_COMMANDS } from '../../service/light.ts';
import { startWebServer, type WebWorkerServer } from '../helpers/web-worker.ts';

const ROOT = 'vscode-vfs://github/example/pbs-config/etc/proxmox-backup';
const DATASTORE = `${ROOT}/datastore.cfg`;
const SYNC = `${ROOT}/sync.cfg`;

interface Session {
  server: WebWorkerServer;
  /** Every publishDiagnostics, per URI, in order. */
  published: Map<string, PublishDiagnosticsParams[]>;
  capabilities: Record<string, unknown>;
  diagnostics(uri: string, predicate: (p: PublishDiagnosticsParams) => boolean, timeoutMs?: number): Promise<PublishDiagnosticsParams>;
  open(uri: string, text: string): Promise<void>;
  close(): Promise<void>;
}

/** A started, initialized web server with push diagnostics (the test waits for what it expects). */
async function webSession(initializationOptions?: unknown, answer: Record<string, (params: never) => unknown> = {}): Promise<Session> {
  const server = startWebServer();
  const c = server.connection;
  const latest = new Map<string, PublishDiagnosticsParams>();
  const published = new Map<string, PublishDiagnosticsParams[]>();
  const waiters = new Set<() => void>();
  c.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    latest.set(p.uri, p);
    published.set(p.uri, [...(published.get(p.uri) ?? []), p]);
    for (const w of [...waiters]) w();
  });
  c.onRequest('client/registerCapability', () => null);
  c.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
  for (const [method, handler] of Object.entries(answer)) c.onRequest(method, handler);
  const init = (await c.sendRequest('initialize', {
    processId: null,
    rootUri: null,
    workspaceFolders: [{ uri: 'vscode-vfs://github/example/pbs-config', name: 'pbs-config' }],
    capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } }, textDocument: { hover: { contentFormat: ['markdown'] } } },
    initializationOptions,
  })) as { capabilities: Record<string, unknown> };
  await c.sendNotification('initialized', {});
  return {
    server,
    published,
    capabilities: init.capabilities,
    diagnostics(uri, predicate, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const p = latest.get(uri);
          if (p && predicate(p)) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(p);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; all: ${JSON.stringify(published.get(uri)?.map((p) => codes(p)))}; worker log: ${server.logs.join('\n')}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    async open(uri, text) {
      await c.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'pbs-config', version: 1, text } });
    },
    async close() {
      await c.sendRequest('shutdown');
      server.dispose();
    },
  };
}

const codes = (p: PublishDiagnosticsParams) => p.diagnostics.map((d) => String(d.code));

test('the worker has no Node, and the server offers only the commands that work without a disk', async () => {
  const s = await webSession();
  try {
    assert.equal(s.server.evaluate('typeof process'), 'undefined');
    assert.equal(s.server.evaluate('typeof require'), 'undefined');
    assert.equal(s.server.evaluate('typeof Buffer'), 'undefined');
    assert.deepEqual((s.capabilities.executeCommandProvider as { commands: string[] }).commands, [...PORTABLE_TOOL_COMMANDS, ...PICTURE_COMMAND_IDS]);
    for (const provider of ['hoverProvider', 'completionProvider', 'definitionProvider', 'referencesProvider', 'renameProvider', 'codeActionProvider', 'documentFormattingProvider', 'inlayHintProvider', 'codeLensProvider']) {
      assert.ok(s.capabilities[provider], provider);
    }
    await assert.rejects(s.server.connection.sendRequest('workspace/executeCommand', { command: 'pbs.server.sha256', arguments: ['/etc/passwd'] }), /unknown command 'pbs.server.sha256'/);
  } finally {
    await s.close();
  }
});

test('open documents: cross-file diagnostics, hover, completion, rename, formatting and commands', async () => {
  const s = await webSession();
  const c = s.server.connection;
  try {
    await s.open(DATASTORE, 'datastore: store1\n\tpath /mnt/store1\n');
    await s.open(SYNC, 'sync: job1\n\tremote-store store1\n\tstore store2\n\tschedule mon..fri 02:30\n');
    const unresolved = await s.diagnostics(SYNC, (p) => codes(p).includes('unresolved-reference'));
    assert.match(unresolved.diagnostics.find((d) => d.code === 'unresolved-reference')!.message, /store2/);
    await c.sendNotification('textDocument/didChange', {
      textDocument: { uri: DATASTORE, version: 2 },
      contentChanges: [{ text: 'datastore: store1\n\tpath /mnt/store1\n\ndatastore: store2\n\tpath /mnt/store2\n' }],
    });
    await s.diagnostics(SYNC, (p) => !codes(p).includes('unresolved-reference'));

    const hover = (await c.sendRequest('textDocument/hover', { textDocument: { uri: SYNC }, position: { line: 3, character: 12 } })) as { contents: { value: string } };
    assert.match(hover.contents.value, /Monday to Friday|mon\.\.fri/i);

    const completion = (await c.sendRequest('textDocument/completion', { textDocument: { uri: SYNC }, position: { line: 2, character: 7 } })) as { items: { label: string }[] } | { label: string }[];
    const labels = (Array.isArray(completion) ? completion : completion.items).map((i) => i.label);
    assert.ok(labels.includes('store1') && labels.includes('store2'), labels.join(', '));

    const rename = (await c.sendRequest('textDocument/rename', { textDocument: { uri: DATASTORE }, position: { line: 3, character: 13 }, newName: 'store3' })) as { changes: Record<string, unknown[]> };
    assert.deepEqual(Object.keys(rename.changes).sort(), [DATASTORE, SYNC]);

    const edits = (await c.sendRequest('textDocument/formatting', { textDocument: { uri: DATASTORE }, options: { tabSize: 8, insertSpaces: false } })) as unknown[];
    assert.ok(Array.isArray(edits));

    const runs = (await c.sendRequest('workspace/executeCommand', { command: 'pbs.server.nextRuns', arguments: ['sat 03:00', 2, '2026-11-24T00:00:00Z'] })) as { runs: { utc: string }[] };
    assert.equal(runs.runs.length, 2);
    const calendar = (await c.sendRequest('workspace/executeCommand', { command: 'pbs.server.jobCalendar', arguments: [{ path: SYNC, from: '2026-11-24T00:00', zone: 'UTC' }] })) as { svg: string; summary: string[] };
    assert.match(calendar.svg, /^<svg/);
    assert.ok(calendar.summary.some((l) => /job1/.test(l)), calendar.summary.join('\n'));
  } finally {
    await s.close();
  }
});

/** A repository as the web client sees it: pbs/findFiles and pbs/readFile answered from a map. */
function repository(files: Map<string, string>) {
  const reads: string[] = [];
  return {
    reads,
    answer: {
      'pbs/findFiles': () => ({ uris: [...files.keys()] }),
      'pbs/readFile': (p: { uri: string; maxBytes: number }) => {
        reads.push(p.uri);
        const text = files.get(p.uri);
        return text === undefined ? { error: 'FileNotFound', reason: 'not-found' } : { text };
      },
    },
  };
}

test('files read through the client: references into an unopened file resolve, and follow its changes', async () => {
  const files = new Map([[DATASTORE, 'datastore: store1\n\tpath /mnt/store1\n']]);
  const repo = repository(files);
  const s = await webSession({ workspaceFiles: 'client' }, repo.answer);
  const c = s.server.connection;
  try {
    await s.open(SYNC, 'sync: job1\n\tremote-store store1\n\tstore store1\n\tschedule daily\n');
    await s.diagnostics(SYNC, () => true);
    // not once a false "unknown datastore": the first diagnostics already know datastore.cfg
    assert.ok(s.published.get(SYNC)!.every((p) => !codes(p).includes('unresolved-reference')), JSON.stringify(s.published.get(SYNC)));
    assert.deepEqual(repo.reads, [DATASTORE]);

    const completion = (await c.sendRequest('textDocument/completion', { textDocument: { uri: SYNC }, position: { line: 2, character: 7 } })) as { items: { label: string }[] } | { label: string }[];
    assert.ok((Array.isArray(completion) ? completion : completion.items).some((i) => i.label === 'store1'));

    const definition = (await c.sendRequest('textDocument/definition', { textDocument: { uri: SYNC }, position: { line: 2, character: 9 } })) as { uri: string }[];
    assert.deepEqual(definition.map((d) => d.uri), [DATASTORE]);

    const rename = (await c.sendRequest('textDocument/rename', { textDocument: { uri: SYNC }, position: { line: 2, character: 9 }, newName: 'main' })) as { changes: Record<string, unknown[]> };
    assert.deepEqual(Object.keys(rename.changes).sort(), [DATASTORE, SYNC]);

    // the datastore renamed in the unopened file: the reference is unresolved now
    files.set(DATASTORE, 'datastore: store9\n\tpath /mnt/store1\n');
    await c.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: DATASTORE, type: 2 }] });
    const unresolved = await s.diagnostics(SYNC, (p) => codes(p).includes('unresolved-reference'));
    assert.match(unresolved.diagnostics.find((d) => d.code === 'unresolved-reference')!.message, /store1/);
    files.set(DATASTORE, 'datastore: store1\n\tpath /mnt/store1\n');
    await c.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: DATASTORE, type: 2 }] });
    await s.diagnostics(SYNC, (p) => !codes(p).includes('unresolved-reference'));
    // the datastore deleted from the file (another one stays): unresolved again
    files.set(DATASTORE, 'datastore: other\n\tpath /mnt/other\n');
    await c.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: DATASTORE, type: 2 }] });
    await s.diagnostics(SYNC, (p) => codes(p).includes('unresolved-reference'));
    // the whole file deleted: datastores are unknown now, and none is reported missing (as on disk)
    files.delete(DATASTORE);
    await c.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: DATASTORE, type: 3 }] });
    await s.diagnostics(SYNC, (p) => !codes(p).includes('unresolved-reference'));
  } finally {
    await s.close();
  }
});

test('workspace diagnostics cover the files the client lists, unreadable ones with why', async () => {
  const files = new Map([
    [DATASTORE, 'datastore: store1\n\tpath /mnt/store1\n\tno-such-option 1\n'],
    [`${ROOT}/user.cfg`, ''],
  ]);
  const repo = repository(files);
  repo.answer['pbs/readFile'] = ((inner) => (p: { uri: string; maxBytes: number }) => (p.uri.endsWith('/user.cfg') ? { error: 'invalid UTF-8 at byte 3', reason: 'not-utf8' } : inner(p)))(repo.answer['pbs/readFile']);
  const s = await webSession({ workspaceFiles: 'client' }, repo.answer);
  try {
    const report = (await s.server.connection.sendRequest('workspace/diagnostic', { previousResultIds: [] })) as { items: { uri: string; items: { code: string; message: string }[] }[] };
    const byUri = Object.fromEntries(report.items.map((i) => [i.uri, i.items]));
    assert.ok(byUri[DATASTORE]?.length > 0, JSON.stringify(report));
    assert.deepEqual(byUri[`${ROOT}/user.cfg`].map((d) => d.code), ['unreadable-file']);
    assert.match(byUri[`${ROOT}/user.cfg`][0].message, /not valid UTF-8/);
  } finally {
    await s.close();
  }
});

test('a client that answers badly or never: no crash, no hang, the open document still served', { timeout: 60_000 }, async () => {
  const huge = 'datastore: big\n\tpath /x\n#' + 'x'.repeat(17 * 1024 * 1024);
  const s = await webSession(
    { workspaceFiles: 'client' },
    {
      'pbs/findFiles': () => ({ uris: [DATASTORE, `${ROOT}/remote.cfg`, `${ROOT}/user.cfg`, `${ROOT}/prune.cfg`, 17, null, 'x'.repeat(10_000) + '/sync.cfg'] }),
      'pbs/readFile': (p: { uri: string }) => {
        if (p.uri === DATASTORE) return { text: huge };
        if (p.uri.endsWith('/user.cfg')) return { error: 'boom', reason: 'no-such-reason' };
        if (p.uri.endsWith('/prune.cfg')) throw new Error('the client failed');
        return new Promise(() => {}); // remote.cfg: never answered
      },
    },
  );
  const c = s.server.connection;
  try {
    const started = performance.now();
    await s.open(SYNC, 'sync: job1\n\tremote-store store1\n\tstore big\n\tschedule daily\n');
    const first = await s.diagnostics(SYNC, () => true, 30_000);
    assert.ok(performance.now() - started < 20_000, `diagnostics after ${Math.round(performance.now() - started)} ms`);
    // datastore.cfg was too big to take: its datastores are unknown, so not reported as missing
    assert.ok(!codes(first).includes('unresolved-reference'), JSON.stringify(first));
    const hover = (await c.sendRequest('textDocument/hover', { textDocument: { uri: SYNC }, position: { line: 3, character: 11 } })) as { contents: { value: string } } | null;
    assert.ok(hover, 'hover answered');
    const report = (await c.sendRequest('workspace/diagnostic', { previousResultIds: [] })) as { items: { uri: string; items: { message: string }[] }[] };
    const why = Object.fromEntries(report.items.map((i) => [i.uri.slice(ROOT.length + 1), i.items.map((d) => d.message).join(' ')]));
    assert.match(why['datastore.cfg'], /more than the 16 MiB read at most/);
    assert.match(why['user.cfg'], /gave neither its text nor a reason/);
    assert.match(why['prune.cfg'], /could not read it: .*the client failed/);
    assert.match(why['remote.cfg'], /did not answer pbs\/readFile/);
    assert.match(s.server.logs.join('\n'), /did not answer pbs\/readFile within 10 s/);
  } finally {
    await s.close();
  }
});

test('code lenses, the job calendar and the prune simulation over files read through the client; quick fixes, inlay hints', async () => {
  const PRUNE = `${ROOT}/prune.cfg`;
  const pruneText = 'prune: p1\n\tstore store1\n\tschedule daily\n\tkeep-daily 5\n\tkeep-dayly 2\n';
  const files = new Map([
    [DATASTORE, 'datastore: store1\n\tpath /mnt/store1\n\tgc-schedule sat 02:00\n'],
    [`${ROOT}/verification.cfg`, 'verification: v1\n\tstore store1\n\tschedule sat 02:15\n'],
    [PRUNE, pruneText],
  ]);
  const s = await webSession({ workspaceFiles: 'client', inlayHints: { enable: true } }, repository(files).answer);
  const c = s.server.connection;
  try {
    await s.open(PRUNE, pruneText);
    const lenses = (await c.sendRequest('textDocument/codeLens', { textDocument: { uri: PRUNE } })) as { command: { command: string; arguments: unknown[] } }[];
    assert.deepEqual(lenses.map((l) => [l.command.command, l.command.arguments]), [
      ['pbs.server.jobCalendar', [{ path: PRUNE }]],
      ['pbs.server.simulatePrune', [{ path: PRUNE, id: 'p1' }]],
    ]);
    const cal = (await c.sendRequest('workspace/executeCommand', { command: 'pbs.server.jobCalendar', arguments: [{ path: PRUNE, from: '2025-03-01', days: 7, timeZone: 'UTC' }] })) as { calendar: { jobs: { id: string }[]; overlaps: unknown[] } };
    assert.deepEqual(cal.calendar.jobs.map((j) => j.id).sort(), ['p1', 'store1', 'v1']);
    assert.deepEqual(cal.calendar.overlaps, [{ datastore: 'store1', start: '2025-03-01T02:00:00+00:00', jobs: ['store1', 'v1'] }]);
    const sim = (await c.sendRequest('workspace/executeCommand', { command: 'pbs.server.simulatePrune', arguments: [{ path: PRUNE, id: 'p1', from: '2025-02-01', to: '2025-03-01', timeZone: 'UTC' }] })) as { verdicts: { keep: boolean }[]; svg: string };
    assert.equal(sim.verdicts.filter((v) => v.keep).length, 5);
    assert.match(sim.svg, /^<svg/);
    // the calendar of a file nobody opened, read through the client
    const closed = (await c.sendRequest('workspace/executeCommand', { command: 'pbs.server.jobCalendar', arguments: [{ path: `${ROOT}/verification.cfg`, from: '2025-03-01', days: 7, timeZone: 'UTC' }] })) as { calendar: { jobs: { id: string }[] } };
    assert.deepEqual(closed.calendar.jobs.map((j) => j.id).sort(), ['p1', 'store1', 'v1']);

    const published = await s.diagnostics(PRUNE, (p) => codes(p).includes('unknown-property'));
    const unknown = published.diagnostics.find((d) => d.code === 'unknown-property')!;
    const actions = (await c.sendRequest('textDocument/codeAction', { textDocument: { uri: PRUNE }, range: unknown.range, context: { diagnostics: [unknown] } })) as { title: string }[];
    assert.ok(actions.some((a) => a.title === "Change to 'keep-daily'"), JSON.stringify(actions.map((a) => a.title)));

    const USER = `${ROOT}/user.cfg`;
    await s.open(USER, 'user: a@pbs\n\texpire 1767225600\n');
    const hints = (await c.sendRequest('textDocument/inlayHint', { textDocument: { uri: USER }, range: { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } } })) as { position: unknown; label: string }[];
    assert.deepEqual(hints.map((h) => h.position), [{ line: 1, character: 18 }]);
    assert.match(hints[0].label, /^= 2026-01-01 /);
  } finally {
    await s.close();
  }
});

test('a request waiting on a client that does not answer ends as soon as it is cancelled', async () => {
  const s = await webSession({ workspaceFiles: 'client' }, { 'pbs/findFiles': () => new Promise(() => {}) });
  try {
    await s.open(SYNC, 'sync: job1\n\tstore store1\n\tschedule daily\n');
    const cancel = new CancellationTokenSource();
    const started = performance.now();
    const hover = s.server.connection.sendRequest('textDocument/hover', { textDocument: { uri: SYNC }, position: { line: 2, character: 11 } }, cancel.token);
    setTimeout(() => cancel.cancel(), 100);
    await assert.rejects(hover, (err: unknown) => err instanceof ResponseError && err.code === -32800);
    assert.ok(performance.now() - started < 3000, `answered after ${Math.round(performance.now() - started)} ms`);
  } finally {
    await s.close();
  }
});
