// Workspace diagnostics over stdio (`workspace/diagnostic`, as VS Code pulls them every two
// seconds): the PBS files of the workspace folders that are not open, found on disk, reported
// in full once and "unchanged" while nothing changed; a changed, opened, deleted or turned-off
// file is reported again so no stale problem stays in the editor's panel.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fileKindOfPath } from '../../schema/file-kinds.ts';
import { startClient, type TestClient } from '../helpers/lsp.ts';

interface Report {
  kind: 'full' | 'unchanged';
  uri: string;
  resultId?: string;
  version: number | null;
  items?: { code: string; message: string; severity: number; range: { start: { line: number } } }[];
}

const BROKEN = new URL('../../examples/broken/', import.meta.url);
/** The PBS files of the broken example tree, by path inside it. */
const TREE_FILES = (readdirSync(BROKEN, { recursive: true }) as string[]).map((p) => p.replace(/\\/g, '/')).filter((p) => fileKindOfPath(p)).sort();
const SEVERITY = ['', 'error', 'warning', 'information', 'hint'];
/** Every planted mistake of the tree as `file:line severity code` (the CLI's lint test reads the same list). */
const PLANTED = (JSON.parse(readFileSync(new URL('../fixtures/broken-expected.json', import.meta.url), 'utf8')) as { file: string; line: number; code: string; severity: string }[])
  .map((e) => `${e.file}:${e.line} ${e.severity} ${e.code}`);

/**
 * A workspace with the broken example tree three levels down; a hidden and a node_modules folder;
 * another project's lone node.cfg (not PBS's, most likely); and a folder of two PBS files.
 */
function workspace(): { folder: string; tree: string } {
  const folder = mkdtempSync(join(tmpdir(), 'pbs-ws-'));
  const tree = join(folder, 'site-a', 'etc', 'proxmox-backup');
  mkdirSync(tree, { recursive: true });
  cpSync(BROKEN, tree, { recursive: true });
  for (const skipped of ['.git', 'node_modules']) {
    mkdirSync(join(folder, skipped), { recursive: true });
    writeFileSync(join(folder, skipped, 'prune.cfg'), 'prune: x\n\tkeep-last 0\n');
  }
  mkdirSync(join(folder, 'other-project'));
  writeFileSync(join(folder, 'other-project', 'node.cfg'), '[section]\nkey = value\n');
  mkdirSync(join(folder, 'pbs2'));
  writeFileSync(join(folder, 'pbs2', 'datastore.cfg'), 'datastore: store1\n\tpath /mnt/store1\n');
  writeFileSync(join(folder, 'pbs2', 'prune.cfg'), 'prune: daily-p1\n\tkeep-last 0\n\tschedule daily\n\tstore store1\n');
  return { folder, tree };
}

async function pull(client: TestClient, previous: Report[] = []): Promise<Report[]> {
  const previousResultIds = previous.filter((r) => r.resultId !== undefined).map((r) => ({ uri: r.uri, value: r.resultId }));
  const answer = (await client.connection.sendRequest('workspace/diagnostic', { identifier: 'pbs', previousResultIds })) as { items: Report[] };
  return answer.items;
}

/**
 * Pulls until `done` holds of an answer (the server handles a notification asynchronously, so
 * the pull right after it may still see the old files; VS Code pulls again two seconds later).
 */
async function pullUntil(client: TestClient, previous: Report[], done: (answer: Report[]) => boolean): Promise<Report[]> {
  for (let i = 0; ; i++) {
    const answer = await pull(client, previous);
    if (done(answer) || i === 40) return answer;
    previous = mergeIds(previous, answer);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The result ids the client holds after `answer` (as VS Code keeps them). */
function mergeIds(previous: Report[], answer: Report[]): Report[] {
  const held = new Map(previous.map((r) => [r.uri, r]));
  for (const r of answer) held.set(r.uri, r);
  return [...held.values()];
}

/** The reports on the files of one tree, by path inside it (`acme/plugins.cfg`). */
function byName(reports: Report[], tree: string): Map<string, Report> {
  const prefix = pathToFileURL(tree).href + '/';
  return new Map(reports.filter((r) => r.uri.startsWith(prefix)).map((r) => [r.uri.slice(prefix.length), r]));
}

test('workspace diagnostics: every PBS file under the folders, unchanged while nothing changes', async () => {
  const { folder, tree } = workspace();
  const client = await startClient({ pull: true, workspaceFolders: [folder] });
  try {
    const first = await pull(client);
    const files = byName(first, tree);
    // every file of the tree and of pbs2/; nothing from .git, node_modules or the other project
    const pbs2 = pathToFileURL(join(folder, 'pbs2')).href;
    assert.deepEqual(
      first
        .filter((r) => r.uri.startsWith(pbs2))
        .map((r) => [r.uri.slice(pbs2.length), r.items?.map((d) => d.code)])
        .sort(),
      [
        ['/datastore.cfg', []],
        ['/prune.cfg', ['out-of-range']],
      ],
    );
    assert.ok(first.every((r) => r.uri.startsWith(pathToFileURL(tree).href) || r.uri.startsWith(pbs2)), first.map((r) => r.uri).join('\n'));
    assert.deepEqual([...files.keys()].sort(), TREE_FILES);
    for (const r of first) {
      assert.equal(r.kind, 'full');
      assert.equal(r.version, null);
    }
    // the problems are those of each file read with the others, cross-file references included:
    // the planted mistakes `pbs-tools lint` finds, and nothing else
    const found = [...files].flatMap(([name, r]) => r.items!.map((d) => `${name}:${d.range.start.line + 1} ${SEVERITY[d.severity]} ${d.code}`));
    assert.deepEqual([...new Set(found)].sort(), [...new Set(PLANTED)].sort());

    // asked again with the result ids: nothing changed, nothing re-sent
    const second = await pull(client, first);
    assert.equal(second.length, first.length);
    assert.ok(second.every((r) => r.kind === 'unchanged'), JSON.stringify(second.filter((r) => r.kind !== 'unchanged')));
  } finally {
    await client.close();
    rmSync(folder, { recursive: true, force: true });
  }
});

test('workspace diagnostics: a file changed on disk is re-sent with its root; an opened file leaves the report; a deleted one is cleared', async () => {
  const { folder, tree } = workspace();
  const client = await startClient({ pull: true, workspaceFolders: [folder] });
  try {
    const first = await pull(client);
    const datastore = pathToFileURL(join(tree, 'datastore.cfg')).href;

    // Fix the datastore.cfg on disk: the sync.cfg beside it (which refers to it) is re-sent too.
    writeFileSync(join(tree, 'datastore.cfg'), readFileSync(new URL('../../examples/etc-proxmox-backup/datastore.cfg', import.meta.url)));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: datastore, type: 2 }] });
    const afterChange = byName(await pullUntil(client, first, (a) => a.some((r) => r.uri === datastore && r.kind === 'full')), tree);
    assert.equal(afterChange.get('datastore.cfg')!.kind, 'full');
    assert.deepEqual(afterChange.get('datastore.cfg')!.items, []);
    assert.equal(afterChange.get('sync.cfg')!.kind, 'full');

    // Opening a file hands it to textDocument/diagnostic: the workspace report clears it once.
    const prune = pathToFileURL(join(tree, 'prune.cfg')).href;
    await client.open(prune, readFileSync(join(tree, 'prune.cfg'), 'utf8'));
    const afterOpen = await pull(client, mergeIds(first, [...afterChange.values()]));
    const pruneReports = afterOpen.filter((r) => r.uri === prune);
    assert.deepEqual(pruneReports.map((r) => [r.kind, r.items?.length]), [['full', 0]]);
    const later = await pull(client, mergeIds(first, afterOpen));
    assert.equal(later.filter((r) => r.uri === prune).length, 0);

    // A deleted file is reported empty once, then no more.
    rmSync(join(tree, 'media-pool.cfg'));
    const mediaPool = pathToFileURL(join(tree, 'media-pool.cfg')).href;
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: mediaPool, type: 3 }] });
    const afterDelete = await pullUntil(client, later, (a) => a.some((r) => r.uri === mediaPool));
    assert.deepEqual(afterDelete.filter((r) => r.uri === mediaPool).map((r) => [r.kind, r.items?.length]), [['full', 0]]);
    assert.equal((await pull(client, mergeIds(first, afterDelete))).filter((r) => r.uri === mediaPool).length, 0);
  } finally {
    await client.close();
    rmSync(folder, { recursive: true, force: true });
  }
});

test('workspace diagnostics: pbs.validation.workspace false (or validation off) reports nothing and clears what was reported', async () => {
  const { folder } = workspace();
  let workspaceOn = true;
  const client = await startClient({ pull: true, workspaceFolders: [folder], configuration: () => ({ validation: { workspace: workspaceOn } }) });
  try {
    const first = await pull(client);
    assert.equal(first.length, TREE_FILES.length + 2);
    workspaceOn = false;
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    // the server pulls the settings again; wait until it has them
    let cleared: Report[] = [];
    for (let i = 0; i < 50; i++) {
      cleared = await pull(client, first);
      if (cleared.every((r) => r.kind === 'full' && r.items?.length === 0)) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal(cleared.length, first.length);
    assert.ok(cleared.every((r) => r.kind === 'full' && r.items?.length === 0), JSON.stringify(cleared.slice(0, 2)));
    assert.deepEqual(await pull(client, cleared), []);
  } finally {
    await client.close();
    rmSync(folder, { recursive: true, force: true });
  }
});

test('workspace diagnostics without workspace folders: an empty report, no error', async () => {
  const client = await startClient({ pull: true });
  try {
    assert.deepEqual(await pull(client), []);
  } finally {
    await client.close();
  }
});

test('workspace diagnostics follow the workspace folders: an added folder is searched, a removed one is cleared', async () => {
  const a = workspace();
  const b = workspace();
  const client = await startClient({
    pull: true,
    workspaceFolders: [a.folder],
    capabilities: { workspace: { workspaceFolders: true, diagnostics: { refreshSupport: true }, didChangeWatchedFiles: { dynamicRegistration: false } } },
  });
  try {
    assert.deepEqual(client.initializeResult.capabilities.workspace, { workspaceFolders: { supported: true, changeNotifications: true } });
    const inA = (r: Report) => r.uri.startsWith(pathToFileURL(a.folder).href);
    const inB = (r: Report) => r.uri.startsWith(pathToFileURL(b.folder).href);
    const first = await pull(client);
    assert.equal(first.length, TREE_FILES.length + 2);
    assert.ok(first.every(inA));
    await client.connection.sendNotification('workspace/didChangeWorkspaceFolders', {
      event: { added: [{ uri: pathToFileURL(b.folder).href, name: 'b' }], removed: [{ uri: pathToFileURL(a.folder).href, name: 'a' }] },
    });
    const after = await pullUntil(client, first, (answer) => answer.some(inB) && answer.some(inA));
    // B's files in full; A's files once more, empty, so that nothing stale stays in the panel
    assert.equal(after.filter(inB).length, first.length);
    assert.ok(after.filter(inA).every((r) => r.kind === 'full' && r.items?.length === 0));
    assert.equal(after.filter(inA).length, first.length);
    assert.deepEqual((await pull(client, mergeIds(first, after))).filter(inA), []);
  } finally {
    await client.close();
    rmSync(a.folder, { recursive: true, force: true });
    rmSync(b.folder, { recursive: true, force: true });
  }
});

test('workspace diagnostics: an open file is left to textDocument/diagnostic however its URI is encoded', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'pbs-ws-'));
  const tree = join(folder, 'ops@site a', 'proxmox-backup');
  mkdirSync(tree, { recursive: true });
  cpSync(BROKEN, tree, { recursive: true });
  const client = await startClient({ pull: true, workspaceFolders: [folder] });
  try {
    const first = await pull(client);
    const prune = pathToFileURL(join(tree, 'prune.cfg')).href;
    assert.ok(first.some((r) => r.uri === prune));
    // VS Code writes '@' as %40 (Node's pathToFileURL does not): the same file all the same
    const vscodeUri = prune.replace('@', '%40');
    assert.notEqual(vscodeUri, prune);
    await client.open(vscodeUri, readFileSync(join(tree, 'prune.cfg'), 'utf8'));
    const after = await pull(client, first);
    assert.deepEqual(after.filter((r) => r.uri === prune).map((r) => [r.kind, r.items?.length]), [['full', 0]]);
  } finally {
    await client.close();
    rmSync(folder, { recursive: true, force: true });
  }
});
