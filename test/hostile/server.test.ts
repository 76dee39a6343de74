// The language server against hostile files and hostile clients, over stdio as an editor drives
// it. Every case must end within 10 s and 400 MB (the server's own peak RSS, measured by the
// test/helpers/report-usage.mjs preload), and afterwards the server must still answer a hover on
// a normal open document.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource, ResponseError } from 'vscode-jsonrpc/node.js';
import { READ_LIMITS } from '../../core/fs/read-file.ts';
import { HOSTILE_LIMITS, USAGE_PRELOAD } from '../helpers/hostile.ts';
import { frame, readFrames, type RpcMessage } from '../helpers/lsp-frames.ts';
import { SERVER_PATH, startClient, type ClientOptions, type TestClient } from '../helpers/lsp.ts';

const PARSE_ERROR = -32700;
const INVALID_REQUEST = -32600;
const INVALID_PARAMS = -32602;
const SERVER_NOT_INITIALIZED = -32002;
const REQUEST_CANCELLED = -32800;

const NORMAL = 'datastore: store1\n\tpath /mnt/store1\n\tgc-schedule daily\n';
/** On `gc-schedule` of NORMAL. */
const NORMAL_HOVER = { line: 2, character: 3 };

const made: string[] = [];
process.on('exit', () => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A new temporary folder, removed when the tests end. */
function tmp(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `pbs-hostile-${prefix}-`));
  made.push(dir);
  return dir;
}

function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms)))]).finally(() => clearTimeout(timer));
}

async function errorCode(p: Promise<unknown>): Promise<number> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ResponseError) return err.code;
    throw err;
  }
  assert.fail('expected an error response');
}

interface Measured {
  client: TestClient;
  /** A normal document, open: what every case hovers on at the end. */
  normalUri: string;
  /** Asserts a hover on the normal document answers (within 2 s); returns how long it took. */
  hover(): Promise<number>;
  /** Closes the server; asserts and reports the case's time and the server's peak RSS. */
  finish(t: TestContext, what: string): Promise<void>;
  /** Kills the server if a failed case left it running (every case calls it in `finally`). */
  dispose(): void;
}

/** A server measured by the usage preload, with the normal document open and diagnosed. */
async function measuredServer(options: ClientOptions = {}): Promise<Measured> {
  const started = performance.now();
  const usageDir = tmp('usage');
  const usageFile = join(usageDir, 'usage.json');
  const client = await startClient({ ...options, nodeArgs: ['--import', USAGE_PRELOAD], env: { ...process.env, PBS_TEST_USAGE_FILE: usageFile } });
  const normalDir = tmp('normal'); // (only names the document: nothing is written there)
  const normalUri = pathToFileURL(join(normalDir, 'datastore.cfg')).href;
  const opened = options.pull ? Promise.resolve() : client.nextDiagnostics(normalUri, () => true, HOSTILE_LIMITS.wallMs);
  await client.open(normalUri, NORMAL);
  await opened.catch((err: unknown) => {
    client.process.kill('SIGKILL');
    throw err;
  });
  const hover = async () => {
    const t0 = performance.now();
    const h = (await within(client.connection.sendRequest('textDocument/hover', { textDocument: { uri: normalUri }, position: NORMAL_HOVER }), 2000, 'hover on the normal document')) as {
      contents: { value: string };
    } | null;
    assert.ok(h, `no hover on the normal document; stderr: ${client.stderr().slice(-2000)}`);
    assert.match(h.contents.value, /schedule/i);
    return performance.now() - t0;
  };
  return {
    client,
    normalUri,
    hover,
    async finish(t, what) {
      await hover();
      const ms = performance.now() - started;
      assert.equal(client.process.exitCode, null, `the server ended: ${client.stderr().slice(-2000)}`);
      await client.close();
      const rssMb = JSON.parse(readFileSync(usageFile, 'utf8')).maxRssKiB / 1024;
      rmSync(usageDir, { recursive: true, force: true });
      t.diagnostic(`${what}: ${Math.round(ms)} ms, server peak RSS ${Math.round(rssMb)} MB`);
      assert.ok(ms <= HOSTILE_LIMITS.wallMs, `${what} took ${Math.round(ms)} ms`);
      assert.ok(rssMb <= HOSTILE_LIMITS.rssMb, `${what}: the server's peak RSS was ${Math.round(rssMb)} MB`);
    },
    dispose() {
      if (client.process.exitCode === null) client.process.kill('SIGKILL');
      client.connection.dispose();
      rmSync(normalDir, { recursive: true, force: true });
      rmSync(usageDir, { recursive: true, force: true });
    },
  };
}

/** A configuration folder whose PBS-named files are FIFOs, device links, a directory and a file too big. */
function hostileFolder(): { root: string; hostile: Record<string, string> } {
  const root = join(tmp('files'), 'proxmox-backup');
  mkdirSync(join(root, 'acme'), { recursive: true });
  writeFileSync(join(root, 'datastore.cfg'), NORMAL);
  const hostile: Record<string, string> = {};
  // more FIFOs than libuv has threads (4): a blocking open of each would take one forever
  for (const name of ['sync.cfg', 'prune.cfg', 'verification.cfg', 'remote.cfg', 'media-pool.cfg', 'acme/plugins.cfg']) {
    execFileSync('mkfifo', [join(root, name)]);
    hostile[name] = 'it is a named pipe (FIFO), not a regular file';
  }
  symlinkSync('/dev/zero', join(root, 'user.cfg'));
  symlinkSync('/dev/urandom', join(root, 'acl.cfg'));
  hostile['user.cfg'] = hostile['acl.cfg'] = 'it is a character device, not a regular file';
  mkdirSync(join(root, 'node.cfg'));
  hostile['node.cfg'] = 'it is a directory; give a file';
  writeFileSync(join(root, 'tape.cfg'), '');
  truncateSync(join(root, 'tape.cfg'), READ_LIMITS.configFile * 4); // sparse
  hostile['tape.cfg'] = 'more than';
  return { root, hostile };
}

// ---------------------------------------------------------------------------------------------
// 1. Reads: regular files only, bounded

test('FIFOs, links to /dev/zero and /dev/urandom, a directory and a huge file beside an open file: no hang, no growth', { timeout: 30_000 }, async (t) => {
  const { root, hostile } = hostileFolder();
  const s = await measuredServer();
  try {
    const uri = pathToFileURL(join(root, 'datastore.cfg')).href;
    const diagnosed = s.client.nextDiagnostics(uri, () => true, HOSTILE_LIMITS.wallMs);
    await s.client.open(uri, NORMAL);
    assert.deepEqual((await diagnosed).diagnostics, []);
    const hover = (await within(s.client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: NORMAL_HOVER }), 2000, 'hover beside the FIFOs')) as unknown;
    assert.ok(hover, 'no hover on the document beside the FIFOs');
    // the editor's watcher reports them changed: re-read (refused) without a hang
    await s.client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: Object.keys(hostile).map((name) => ({ uri: pathToFileURL(join(root, name)).href, type: 2 })),
    });
    await s.hover();
    // the toolbox commands refuse them at once, each with the reason
    const exec = (command: string, path: string) => s.client.connection.sendRequest('workspace/executeCommand', { command, arguments: [path] });
    for (const [command, name, reason] of [
      ['pbs.server.sha256', 'sync.cfg', /named pipe/],
      ['pbs.server.sha256', 'user.cfg', /character device/],
      ['pbs.server.keyInfo', 'acl.cfg', /character device/],
      ['pbs.server.certInfo', 'prune.cfg', /named pipe/],
      ['pbs.server.sha256', 'node.cfg', /directory/],
    ] as const) {
      const refused = await within(exec(command, join(root, name)).then(() => assert.fail(`${command} ${name} answered`), (e: unknown) => e), 2000, `${command} ${name}`);
      assert.ok(refused instanceof ResponseError && refused.code === INVALID_PARAMS, `${command} ${name}: ${String(refused)}`);
      assert.match(refused.message, reason);
    }
    assert.match(s.client.stderr(), /not reading '.*sync\.cfg': it is a named pipe/);
    await s.finish(t, 'hostile siblings');
  } finally {
    s.dispose();
    rmSync(join(root, '..'), { recursive: true, force: true });
  }
});

test('workspace diagnostics report each PBS-named file that is not a regular file or too big, at 1:1, like lint', { timeout: 30_000 }, async (t) => {
  const { root, hostile } = hostileFolder();
  const s = await measuredServer({ pull: true, workspaceFolders: [join(root, '..')] });
  try {
    const answer = (await within(s.client.connection.sendRequest('workspace/diagnostic', { identifier: 'pbs', previousResultIds: [] }), HOSTILE_LIMITS.wallMs, 'workspace diagnostics')) as {
      items: { uri: string; items: { code: string; message: string; range: { start: { line: number; character: number } } }[] }[];
    };
    const byName = new Map(answer.items.map((r) => [decodeURIComponent(r.uri.slice(pathToFileURL(root).href.length + 1)), r.items]));
    assert.deepEqual(byName.get('datastore.cfg'), []);
    for (const [name, reason] of Object.entries(hostile)) {
      if (name === 'node.cfg') continue;
      const items = byName.get(name);
      assert.ok(items, `no report for ${name}: ${[...byName.keys()].join(', ')}`);
      assert.equal(items.length, 1, JSON.stringify(items));
      assert.equal(items[0].code, 'unreadable-file');
      assert.deepEqual(items[0].range.start, { line: 0, character: 0 });
      assert.ok(items[0].message.startsWith('not read: ') && items[0].message.includes(reason), `${name}: ${items[0].message}`);
    }
    await s.finish(t, 'workspace diagnostics of hostile files');
  } finally {
    s.dispose();
    rmSync(join(root, '..'), { recursive: true, force: true });
  }
});

// ---------------------------------------------------------------------------------------------
// 2. A burst of edits is diagnosed once

/** About 1 MB of datastore sections. */
function megabyte(): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < 1_000_000; i++) {
    const s = `datastore: store${i}\n\tcomment datastore ${i}\n\tgc-schedule daily\n\tpath /mnt/datastore/store${i}\n\tverify-new true\n\n`;
    parts.push(s);
    size += s.length;
  }
  return parts.join('');
}

const BURST = 3000;

/** Version `v` of a burst: an `x` typed into the first comment (even versions) or erased (odd). */
function typeAndErase(uri: string, v: number) {
  const at = { line: 1, character: 9 };
  const range = v % 2 === 0 ? { start: at, end: at } : { start: at, end: { line: 1, character: 10 } };
  return { textDocument: { uri, version: v }, contentChanges: [{ range, text: v % 2 === 0 ? 'x' : '' }] };
}

test('3,000 didChange of a 1 MB document in a row: settled within seconds, published a few times', { timeout: 60_000 }, async (t) => {
  const s = await measuredServer();
  try {
    const uri = pathToFileURL(join(tmp('burst'), 'datastore.cfg')).href;
    const opened = s.client.nextDiagnostics(uri, (p) => p.version === 1, HOSTILE_LIMITS.wallMs);
    await s.client.open(uri, megabyte());
    await opened;
    let publishes = 0;
    const started = performance.now();
    const settled = s.client.nextDiagnostics(uri, (p) => (publishes++, p.version === BURST + 1), HOSTILE_LIMITS.wallMs);
    for (let v = 2; v <= BURST + 1; v++) void s.client.connection.sendNotification('textDocument/didChange', typeAndErase(uri, v));
    const last = await settled;
    const ms = performance.now() - started;
    assert.deepEqual(last.diagnostics, []);
    t.diagnostic(`burst of ${BURST} edits: settled in ${Math.round(ms)} ms with ${publishes} publishes`);
    assert.ok(publishes <= 15, `${publishes} publishes for one burst`);
    const hover = (await s.client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 3 } })) as { contents: { value: string } };
    assert.match(hover.contents.value, /schedule/i);
    await s.finish(t, 'edit burst');
  } finally {
    s.dispose();
  }
});

test('pull diagnostics during a burst: superseded and cancelled pulls do not each diagnose; the last answers the newest text', { timeout: 60_000 }, async (t) => {
  const s = await measuredServer({ pull: true });
  try {
    const uri = pathToFileURL(join(tmp('burst-pull'), 'datastore.cfg')).href;
    await s.client.open(uri, megabyte());
    const pull = (source?: CancellationTokenSource) => {
      const params = { textDocument: { uri } };
      return (source ? s.client.connection.sendRequest('textDocument/diagnostic', params, source.token) : s.client.connection.sendRequest('textDocument/diagnostic', params)) as Promise<{ kind: string; items: unknown[] }>;
    };
    assert.equal((await within(pull(), HOSTILE_LIMITS.wallMs, 'first pull')).kind, 'full');
    const started = performance.now();
    const outcomes: Promise<string>[] = [];
    let previous: CancellationTokenSource | undefined;
    for (let v = 2; v <= BURST + 1; v++) {
      void s.client.connection.sendNotification('textDocument/didChange', typeAndErase(uri, v));
      if (v % 100 === 0) {
        // as VS Code does: a pull after a change, the one before it cancelled
        previous?.cancel();
        previous = new CancellationTokenSource();
        outcomes.push(pull(previous).then((r) => r.kind, (e: unknown) => (e instanceof ResponseError ? String(e.code) : String(e))));
      }
    }
    // and one last change, with a problem: the answer is for it
    void s.client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: BURST + 2 },
      contentChanges: [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '\tbogus-key 1\n' }],
    });
    const last = await within(pull(), HOSTILE_LIMITS.wallMs, 'the pull after the burst');
    const ms = performance.now() - started;
    assert.deepEqual((last.items as { code: string }[]).map((d) => d.code), ['unknown-property']);
    const counted = (await Promise.all(outcomes)).reduce<Record<string, number>>((n, o) => ((n[o] = (n[o] ?? 0) + 1), n), {});
    t.diagnostic(`pulls during a burst of ${BURST} edits: ${JSON.stringify(counted)}; the last answered after ${Math.round(ms)} ms`);
    for (const o of Object.keys(counted)) assert.ok(['full', String(REQUEST_CANCELLED), '-32802'].includes(o), `a pull during the burst answered ${o}`);
    await s.finish(t, 'pulls during an edit burst');
  } finally {
    s.dispose();
  }
});

// ---------------------------------------------------------------------------------------------
// 3. A client-supplied glob

test('a pbs.fileAssociations glob that backtracks (+(a*)c, *a*a*a*a*b) is refused with a message, never run', { timeout: 30_000 }, async (t) => {
  const notices: string[] = [];
  const s = await measuredServer({
    configuration: () => ({ fileAssociations: { '+(a*)c': 'datastore.cfg', '**/*a*a*a*a*b': 'sync.cfg', '*.cfg.j2': 'datastore.cfg' } }),
    onShowMessage: (m) => notices.push(m.message),
  });
  try {
    const dir = tmp('glob');
    const long = pathToFileURL(join(dir, 'a'.repeat(250))).href;
    await s.client.open(long, 'datastore: x\n');
    assert.equal(await within(s.client.connection.sendRequest('textDocument/hover', { textDocument: { uri: long }, position: { line: 0, character: 1 } }), 2000, 'hover on the long name'), null);
    // still associating what the other glob says
    const tpl = pathToFileURL(join(dir, 'datastore.cfg.j2')).href;
    const tplDiags = s.client.nextDiagnostics(tpl, (p) => p.diagnostics.length > 0, HOSTILE_LIMITS.wallMs);
    await s.client.open(tpl, 'datastore: store1\n\tpath /mnt/store1\n\tgc-schedul daily\n');
    assert.deepEqual((await tplDiags).diagnostics.map((d) => d.code), ['unknown-property']);
    assert.ok(notices.some((n) => n.includes('"+(a*)c" is ignored: extglobs')), notices.join('\n'));
    assert.ok(notices.some((n) => n.includes(`"**/*a*a*a*a*b" is ignored: '*a*a*a*a*b' has 5 '*'`)), notices.join('\n'));
    await s.finish(t, 'backtracking globs');
  } finally {
    s.dispose();
  }
});

// ---------------------------------------------------------------------------------------------
// 4. The LSP contract

test('long commands honour $/cancelRequest and do not starve the editor: sha256 of a 4 GiB file', { timeout: 30_000 }, async (t) => {
  const dir = tmp('sha');
  const big = join(dir, 'big.img');
  writeFileSync(big, '');
  truncateSync(big, 4 * 1024 ** 3); // sparse: costs nothing on disk, reads as zeros
  const s = await measuredServer();
  try {
    const source = new CancellationTokenSource();
    const sha = s.client.connection.sendRequest('workspace/executeCommand', { command: 'pbs.server.sha256', arguments: [big] }, source.token);
    const outcome = sha.then(() => 'finished', (e: unknown) => (e instanceof ResponseError ? e.code : String(e)));
    await new Promise((r) => setTimeout(r, 300));
    const latencies: number[] = [];
    for (let i = 0; i < 5; i++) {
      latencies.push(await s.hover());
      await new Promise((r) => setTimeout(r, 50));
    }
    const cancelled = performance.now();
    source.cancel();
    assert.equal(await within(outcome, 2000, 'the cancelled sha256'), REQUEST_CANCELLED);
    const cancelMs = performance.now() - cancelled;
    t.diagnostic(`hover during sha256: ${latencies.map((l) => Math.round(l)).join(', ')} ms; cancelled in ${Math.round(cancelMs)} ms`);
    assert.ok(Math.max(...latencies) < 1000, `a hover took ${Math.round(Math.max(...latencies))} ms during the sha256`);
    assert.ok(cancelMs < 1000, `the cancel took ${Math.round(cancelMs)} ms`);
    await s.finish(t, 'sha256 cancelled');
  } finally {
    s.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('malformed params are InvalidParams (-32602) for every kind of request; malformed notifications change nothing', { timeout: 30_000 }, async (t) => {
  const s = await measuredServer();
  try {
    const doc = { uri: s.normalUri };
    const position = NORMAL_HOVER;
    const cases: [string, unknown][] = [
      ['textDocument/hover', { textDocument: doc, position: 'x' }],
      ['textDocument/hover', { position }],
      ['textDocument/hover', { textDocument: { uri: 42 }, position }],
      ['textDocument/hover', null],
      ['textDocument/completion', { textDocument: doc, position: { line: -1, character: 0 } }],
      ['textDocument/definition', { textDocument: doc, position: { line: 0 } }],
      ['textDocument/references', { textDocument: doc, position }],
      ['textDocument/rename', { textDocument: doc, position, newName: 5 }],
      ['textDocument/documentSymbol', { textDocument: null }],
      ['textDocument/formatting', { textDocument: 'file:///x' }],
      ['textDocument/codeAction', { textDocument: doc, range: { start: position, end: position }, context: { diagnostics: 'none' } }],
      ['textDocument/selectionRange', { textDocument: doc, positions: [position, 'x'] }],
      ['textDocument/inlayHint', { textDocument: doc, range: 5 }],
      ['workspace/symbol', { query: 5 }],
      ['workspace/executeCommand', { command: 5 }],
      ['workspace/executeCommand', { command: 'pbs.server.sha256', arguments: 'x' }],
      ['workspace/executeCommand', { command: 'pbs.server.sha256', arguments: [{ path: '/etc/hostname' }] }],
      ['workspace/executeCommand', { command: 'pbs.server.sha256', arguments: ['file://%zz'] }],
      ['workspace/executeCommand', { command: 'pbs.server.nextRuns', arguments: ['x'.repeat(100_000)] }],
      ['textDocument/diagnostic', { textDocument: {} }],
      ['workspace/diagnostic', { previousResultIds: 'all' }],
    ];
    for (const [method, params] of cases) {
      assert.equal(await errorCode(s.client.connection.sendRequest(method, params)), INVALID_PARAMS, `${method} ${JSON.stringify(params).slice(0, 100)}`);
    }
    // a didChange with a range of strings, a didOpen whose text is a number: refused whole
    await s.client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: s.normalUri, version: 2 }, contentChanges: [{ range: { start: 'a', end: 'b' }, text: 'x' }] });
    await s.client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: s.normalUri, version: 3 }, contentChanges: 'x' });
    const numberText = 'file:///nonexistent/hostile/prune.cfg';
    await s.client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: numberText, languageId: 'pbs-config', version: 1, text: 12345 } });
    assert.equal(await s.client.connection.sendRequest('textDocument/hover', { textDocument: { uri: numberText }, position: { line: 0, character: 0 } }), null);
    assert.doesNotMatch(s.client.stderr(), /hover failed|TypeError/);
    await s.finish(t, 'malformed params');
  } finally {
    s.dispose();
  }
});

/** A server spoken to byte by byte: for what a proper client never sends. */
function rawServer() {
  const usageDir = tmp('usage-raw');
  const usageFile = join(usageDir, 'usage.json');
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', USAGE_PRELOAD, SERVER_PATH, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, PBS_TEST_USAGE_FILE: usageFile } });
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  type Msg = RpcMessage;
  const { next } = readFrames(child.stdout, () => `stderr: ${stderr.slice(-1000)}`);
  child.stdin.on('error', () => {});
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let ids = 1000;
  const raw = {
    stderr: () => stderr,
    exited,
    write: (bytes: string | Buffer) => child.stdin.write(bytes),
    send: (m: object) => child.stdin.write(frame(JSON.stringify({ jsonrpc: '2.0', ...m }))),
    frame,
    response: (id: number, ms = 5000) => next((m) => m.id === id && ('result' in m || 'error' in m), ms, `the response to ${id}`),
    parseError: (ms = 5000) => next((m) => m.id === null && m.error !== undefined, ms, 'an error with id null'),
    async request(method: string, params: unknown, ms = 5000): Promise<Msg> {
      const id = ++ids;
      raw.send({ id, method, params });
      return raw.response(id, ms);
    },
    async initialize(): Promise<void> {
      const init = await raw.request('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
      assert.ok(init.result, JSON.stringify(init));
      raw.send({ method: 'initialized', params: {} });
    },
    normalUri: pathToFileURL(join(tmp('raw-normal'), 'datastore.cfg')).href,
    async openNormal(): Promise<void> {
      raw.send({ method: 'textDocument/didOpen', params: { textDocument: { uri: raw.normalUri, languageId: 'pbs-config', version: 1, text: NORMAL } } });
      await next((m) => m.method === 'textDocument/publishDiagnostics', 10_000, 'the normal document diagnostics');
    },
    /** Asserts a hover on the normal document answers within 2 s. */
    async hover(): Promise<void> {
      const h = await raw.request('textDocument/hover', { textDocument: { uri: raw.normalUri }, position: NORMAL_HOVER }, 2000);
      assert.match(JSON.stringify(h.result), /schedule/i, `hover: ${JSON.stringify(h)}; stderr: ${stderr.slice(-1000)}`);
    },
    async finish(t: TestContext, what: string): Promise<void> {
      await raw.hover();
      const ms = performance.now() - started;
      raw.send({ id: ++ids, method: 'shutdown' });
      raw.send({ method: 'exit' });
      const code = await within(exited, 5000, 'exit');
      assert.equal(code, 0, stderr.slice(-1000));
      const rssMb = JSON.parse(readFileSync(usageFile, 'utf8')).maxRssKiB / 1024;
      rmSync(usageDir, { recursive: true, force: true });
      t.diagnostic(`${what}: ${Math.round(ms)} ms, server peak RSS ${Math.round(rssMb)} MB`);
      assert.ok(ms <= HOSTILE_LIMITS.wallMs, `${what} took ${Math.round(ms)} ms`);
      assert.ok(rssMb <= HOSTILE_LIMITS.rssMb, `${what}: the server's peak RSS was ${Math.round(rssMb)} MB`);
    },
    kill: () => child.kill('SIGKILL'),
  };
  return raw;
}

test('before initialize: a request gets ServerNotInitialized (-32002) and does not run; a notification is dropped', { timeout: 30_000 }, async (t) => {
  const raw = rawServer();
  try {
    const dir = tmp('early');
    writeFileSync(join(dir, 'file.bin'), 'x');
    const early = await raw.request('workspace/executeCommand', { command: 'pbs.server.sha256', arguments: [join(dir, 'file.bin')] });
    assert.equal(early.error?.code, SERVER_NOT_INITIALIZED, JSON.stringify(early));
    assert.equal(early.result, undefined);
    const openedEarly = pathToFileURL(join(dir, 'sync.cfg')).href;
    raw.send({ method: 'textDocument/didOpen', params: { textDocument: { uri: openedEarly, languageId: 'pbs-config', version: 1, text: 'sync: x\n' } } });
    await raw.initialize();
    const second = await raw.request('initialize', { processId: null, rootUri: null, capabilities: {} });
    assert.equal(second.error?.code, INVALID_REQUEST, JSON.stringify(second));
    // the early didOpen was dropped: that document is not open
    assert.equal((await raw.request('textDocument/hover', { textDocument: { uri: openedEarly }, position: { line: 0, character: 1 } })).result, null);
    await raw.openNormal();
    await raw.finish(t, 'requests before initialize');
  } finally {
    raw.kill();
  }
});

test('framing errors are answered with ParseError and the stream resyncs on the next header; nothing waits forever', { timeout: 40_000 }, async (t) => {
  const raw = rawServer();
  try {
    await raw.initialize();
    await raw.openNormal();
    const hoverFrame = (id: number) => raw.frame(JSON.stringify({ jsonrpc: '2.0', id, method: 'textDocument/hover', params: { textDocument: { uri: raw.normalUri }, position: NORMAL_HOVER } }));
    const cases: [string, string][] = [
      ['a Content-Length longer than the body, then a request', 'Content-Length: 5000\r\n\r\n{"jsonrpc":"2.0","id":1,'],
      ['a Content-Length that takes in the next request', 'Content-Length: 90\r\n\r\n{"jsonrpc":"2.0",'],
      ['an absurd Content-Length (10^12)', `Content-Length: ${10 ** 12}\r\n\r\n{"jsonrpc":"2.0","id":2,"method":"x"}`],
      ['a negative Content-Length', 'Content-Length: -5\r\n\r\n{}'],
      ['a Content-Length that is not a number', 'Content-Length: lots\r\n\r\n{}'],
      ['no Content-Length', 'Content-Type: application/json\r\n\r\n{}'],
      ['a header that never ends', 'X'.repeat(20_000)],
      ['a body that is not JSON', raw.frame('{"jsonrpc":"2.0","id":3,"method":"initialize","params":{"processId":nul')],
      ['a batch', raw.frame('[{"jsonrpc":"2.0","id":4,"method":"shutdown"}]')],
    ];
    let id = 1;
    for (const [what, bytes] of cases) {
      const hoverId = ++id;
      raw.write(bytes + hoverFrame(hoverId));
      const error = await raw.parseError();
      assert.ok(error.error!.code === PARSE_ERROR || (what === 'a batch' && error.error!.code === INVALID_REQUEST), `${what}: ${JSON.stringify(error)}`);
      const answer = await raw.response(hoverId);
      assert.match(JSON.stringify(answer.result), /schedule/i, `${what}: the request after it got ${JSON.stringify(answer)}`);
    }
    // A partial message and then silence: dropped after 5 s, and the server reads on.
    raw.write('Content-Length: 500\r\n\r\n{"jsonrpc":"2.0","id":99,');
    const stalled = await raw.parseError(8000);
    assert.match(stalled.error!.message, /no more bytes for 5 s/);
    assert.match(raw.stderr(), /Content-Length 1000000000000 is more than/);
    await raw.finish(t, 'framing errors');
  } finally {
    raw.kill();
  }
});

// ---------------------------------------------------------------------------------------------
// 5. A 10 MB document

test('a 10 MB document with a problem on every section: diagnosed within bounds, cut at pbs.limits.maxDiagnostics', { timeout: 30_000 }, async (t) => {
  const s = await measuredServer({ configuration: () => ({ limits: { maxDiagnostics: 50 } }) });
  try {
    const uri = pathToFileURL(join(tmp('10mb'), 'datastore.cfg')).href;
    const parts: string[] = [];
    let size = 0;
    for (let i = 0; size < 10_000_000; i++) {
      const section = `datastore: store${i}\n\tpath /mnt/datastore/store${i}\n\tkeep-last -${i}\n\tgc-schedule never-ever\n\tbogus-key ${i}\n\n`;
      parts.push(section);
      size += section.length;
    }
    const diagnosed = s.client.nextDiagnostics(uri, () => true, HOSTILE_LIMITS.wallMs);
    await s.client.open(uri, parts.join(''));
    const { diagnostics } = await diagnosed;
    assert.equal(diagnostics.length, 51, `${diagnostics.length} diagnostics`);
    assert.equal(diagnostics.at(-1)?.code, 'too-many-problems');
    await s.finish(t, '10 MB document');
  } finally {
    s.dispose();
  }
});
