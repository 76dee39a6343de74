// The palette commands' logic in plain Node, with canned answers for the prompts: what they
// write (0600, never over an existing file unasked), what they return, and their errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ActiveEditor, Prompts } from '../../../client/commands/prompts.ts';
import { fakePrompts } from '../../helpers/prompts.ts';
import { TOOL_PALETTE_COMMANDS } from '../../../client/commands/index.ts';
import { scheduleOnLine } from '../../../client/commands/next-runs.ts';
import { encodeBlob } from '../../../core/crypto/blob.ts';
import { CryptConfig } from '../../../core/crypto/crypt-config.ts';
import { decryptKey, parseKeyConfig } from '../../../core/crypto/key-config.ts';

const run = (id: string, prompts: Prompts, args?: Record<string, unknown>) => TOOL_PALETTE_COMMANDS[id](prompts, args);
const dir = mkdtempSync(join(tmpdir(), 'pbs-client-cmds-'));

test('create → test → change passphrase → test, programmatically; 0600; no overwrite unasked', async () => {
  const path = join(dir, 'k.json');
  const { prompts, asked } = fakePrompts();
  const created = (await run('pbs.createEncryptionKey', prompts, { path, passphrase: 'first secret', hint: 'cat' })) as { fingerprint: string };
  assert.equal(statSync(path).mode & 0o777, 0o600);
  assert.deepEqual(asked, [], 'no prompt when every input is given');
  const tested = (await run('pbs.testEncryptionKey', prompts, { keyFile: path, passphrase: 'first secret' })) as Record<string, string>;
  assert.equal(tested.fingerprint, created.fingerprint);
  assert.equal(tested.kdf, 'scrypt');
  assert.equal(tested.hint, 'cat');
  await assert.rejects(run('pbs.testEncryptionKey', prompts, { keyFile: path, passphrase: 'wrong secret' }), /key file '.*k\.json': .*passphrase/i);
  const before = readFileSync(path, 'utf8');
  await assert.rejects(run('pbs.createEncryptionKey', prompts, { path, passphrase: 'other secret' }), /already exists; nothing was written/);
  assert.equal(readFileSync(path, 'utf8'), before);
  const changed = (await run('pbs.changeKeyPassphrase', prompts, { keyFile: path, passphrase: 'first secret', newPassphrase: 'second secret' })) as { fingerprint: string };
  assert.equal(changed.fingerprint, created.fingerprint, 'same key');
  assert.equal(statSync(path).mode & 0o777, 0o600);
  const config = parseKeyConfig(readFileSync(path));
  await decryptKey(config, 'second secret');
  await assert.rejects(decryptKey(config, 'first secret'));
  await assert.rejects(run('pbs.changeKeyPassphrase', prompts, { keyFile: path, passphrase: 'second secret', newPassphrase: 'abc' }), /too short/);
});

test('interactive create asks kdf, passphrase twice and hint; a replace needs the modal yes', async () => {
  const path = join(dir, 'interactive.json');
  writeFileSync(path, 'old');
  const no = fakePrompts({ files: [path], picks: ['pbkdf2'], confirm: false });
  await assert.rejects(run('pbs.createEncryptionKey', no.prompts), /already exists; nothing was written/);
  assert.equal(readFileSync(path, 'utf8'), 'old');
  const yes = fakePrompts({ files: [path], picks: ['pbkdf2'], confirm: true, inputs: ['a passphrase', 'a passphrase', ''] });
  await run('pbs.createEncryptionKey', yes.prompts);
  assert.deepEqual(yes.asked, [
    'file: Where to write the new key file',
    'pick: Protect the key with',
    "confirm: 'interactive.json' already exists. Replace it?",
    'input: New passphrase for interactive.json (password)',
    'input: Repeat the new passphrase (password)',
    'input: Passphrase hint (optional, stored in the file in clear)',
  ]);
  assert.equal(parseKeyConfig(readFileSync(path)).kdf?.type, 'pbkdf2');
  const mismatch = fakePrompts({ files: [join(dir, 'm.json')], picks: ['scrypt'], inputs: ['one passphrase', 'another one'] });
  await assert.rejects(run('pbs.createEncryptionKey', mismatch.prompts), /do not match; nothing was written/);
  const cancelled = fakePrompts({ files: [undefined] });
  await assert.rejects(run('pbs.createEncryptionKey', cancelled.prompts), (e: Error) => e.name === 'Cancelled');
});

test('certificate: generate (key 0600), refuse to replace, info of the result', async () => {
  const out = join(dir, 'cert');
  const { prompts } = fakePrompts();
  const r = (await run('pbs.generateCertificate', prompts, { outDir: out, cn: 'pbs.example.com', sans: ['192.0.2.9'], keyType: 'ec' })) as Record<string, string>;
  assert.equal(statSync(r.keyPath).mode & 0o777, 0o600);
  assert.equal(statSync(r.certPath).mode & 0o777, 0o644);
  await assert.rejects(run('pbs.generateCertificate', prompts, { outDir: out, keyType: 'ec' }), /proxy\.pem and proxy\.key already exist/);
  const info = (await run('pbs.showCertificateInfo', prompts, { path: r.certPath })) as Record<string, unknown>;
  assert.equal(info.fingerprint, r.fingerprint);
  assert.ok((info.altNames as string[]).includes('IP Address:192.0.2.9'));
  await assert.rejects(run('pbs.showCertificateInfo', prompts, { path: r.keyPath }), /proxy\.key/);
});

test('certificate: replacing a pair where proxy.pem cannot be written leaves the old proxy.key and names proxy.pem', async () => {
  const out = join(dir, 'cert-pair');
  const { prompts } = fakePrompts();
  const first = (await run('pbs.generateCertificate', prompts, { outDir: out, cn: 'pbs.example.com', keyType: 'ec' })) as Record<string, string>;
  const oldKey = readFileSync(first.keyPath);
  rmSync(first.certPath);
  mkdirSync(join(first.certPath, 'in-the-way'), { recursive: true }); // no rename replaces a non-empty folder
  await assert.rejects(
    run('pbs.generateCertificate', prompts, { outDir: out, cn: 'pbs.example.com', keyType: 'ec', overwrite: true }),
    (e: Error) => e.message === `cannot write file '${first.certPath}': it is a directory; nothing was replaced: proxy.key and proxy.pem in '${out}' are as they were`,
  );
  assert.deepEqual(readFileSync(first.keyPath), oldKey);
  assert.deepEqual(readdirSync(out).sort(), ['proxy.key', 'proxy.pem']);
});

test('sha256 of a file and of the editor selection; blob inspection with a key; next runs from the cursor line', async () => {
  const file = join(dir, 'data.bin');
  writeFileSync(file, 'backup me');
  const { prompts, shown } = fakePrompts({ editor: { languageId: 'pbs-config', text: 'whole', selection: 'part', line: 0, lineText: '\tgc-schedule sat 03:00', character: 14 } });
  assert.deepEqual(await run('pbs.computeSha256', prompts, { path: file }), { path: file, sha256: createHash('sha256').update('backup me').digest('hex'), size: 9 });
  assert.equal(shown.at(-1)?.copy, createHash('sha256').update('backup me').digest('hex'));
  assert.deepEqual(await run('pbs.computeSha256OfEditor', prompts), { sha256: createHash('sha256').update('part').digest('hex'), size: 4 });
  await assert.rejects(run('pbs.computeSha256', prompts, { path: join(dir, 'nope') }), /does not exist/);

  const keyPath = join(dir, 'blobkey.json');
  const key = (await run('pbs.createEncryptionKey', prompts, { path: keyPath, kdf: 'none' })) as { fingerprint: string };
  const raw = (await decryptKey(parseKeyConfig(readFileSync(keyPath)))).key;
  writeFileSync(join(dir, 'index.json.blob'), await encodeBlob(Buffer.from('{"x":1}'), { crypt: new CryptConfig(raw) }));
  const blob = (await run('pbs.inspectBlob', prompts, { path: join(dir, 'index.json.blob'), keyFile: keyPath })) as Record<string, unknown>;
  assert.equal(blob.decrypt, 'ok');
  assert.equal(blob.decoded, 7);
  assert.equal(blob.keyFingerprint, key.fingerprint);
  const plain = (await run('pbs.inspectBlob', prompts, { path: join(dir, 'index.json.blob') })) as Record<string, unknown>;
  assert.equal(plain.crc, 'ok');
  assert.equal(plain.decrypt, undefined);

  const runs = (await run('pbs.showNextRuns', prompts, { count: 2 })) as { schedule: string; runs: unknown[] };
  assert.equal(runs.schedule, 'sat 03:00');
  assert.equal(runs.runs.length, 2);
  await assert.rejects(run('pbs.showNextRuns', prompts, { schedule: 'mon-fri' }), /'mon-fri' is not a PBS schedule/);
  // in the zone of the settings (pbs.timeZone): Kathmandu is 5:45 ahead of UTC all year
  const kathmandu = fakePrompts({ timeZone: 'Asia/Kathmandu' }).prompts;
  const zoned = (await run('pbs.showNextRuns', kathmandu, { schedule: '02:00', count: 1 })) as { runs: { local: string; utc: string }[] };
  assert.match(zoned.runs[0].local, /T02:00:00\+05:45$/);
  assert.match(zoned.runs[0].utc, /T20:15:00Z$/);
  assert.equal(scheduleOnLine('\tcomment daily'), undefined);
  assert.equal(scheduleOnLine('\tschedule  mon..fri 02:00  '), 'mon..fri 02:00');
});

test('job calendar and prune simulation: the server computes, the picture goes to a panel; the job under the cursor', async () => {
  const answer = { title: 'PBS job calendar', svg: '<svg/>', summary: ['3 jobs'] };
  const text = 'prune: daily-7\n\tstore s1\n\tschedule daily\n\tkeep-daily 7\n\nprune: weekly\n\tstore s1\n\tschedule sun\n\tkeep-weekly 4\n';
  const editor: ActiveEditor = { path: '/etc/proxmox-backup/prune.cfg', languageId: 'pbs-config', text, selection: '', line: 7, lineText: '\tschedule sun', character: 3 };
  const { prompts, panels, serverCalls } = fakePrompts({ editor, server: () => answer });
  assert.equal(await run('pbs.showJobCalendar', prompts), answer);
  // the window is the server's pbs.calendar.overlapWindowMinutes unless the command is given one
  assert.deepEqual(serverCalls[0], { command: 'pbs.server.jobCalendar', args: [{ path: '/etc/proxmox-backup/prune.cfg', days: 7 }] });
  assert.deepEqual(panels[0], { kind: 'pbs.jobCalendar', title: 'PBS job calendar', svg: '<svg/>' });
  await run('pbs.simulatePruneJob', prompts);
  assert.deepEqual(serverCalls[1], { command: 'pbs.server.simulatePrune', args: [{ path: '/etc/proxmox-backup/prune.cfg', id: 'weekly' }] });
  assert.equal(panels[1].kind, 'pbs.pruneSimulation');
  // between sections: asked which job
  const between = fakePrompts({ editor: { ...editor, line: 4 }, picks: ['daily-7'], server: () => answer });
  await run('pbs.simulatePruneJob', between.prompts);
  assert.deepEqual(between.asked, ['pick: Prune job to simulate']);
  assert.deepEqual(between.serverCalls[0].args, [{ path: '/etc/proxmox-backup/prune.cfg', id: 'daily-7' }]);
  // no file open: a clear error
  await assert.rejects(run('pbs.showJobCalendar', fakePrompts().prompts), /open a PBS configuration file/);
});

test('job calendar: a window given to the command goes to the server', async () => {
  const { prompts, serverCalls } = fakePrompts({ server: () => ({ title: 't', svg: '<svg/>', summary: [] }) });
  await run('pbs.showJobCalendar', prompts, { path: '/etc/proxmox-backup/datastore.cfg', windowMinutes: 10 });
  assert.deepEqual(serverCalls[0].args, [{ path: '/etc/proxmox-backup/datastore.cfg', days: 7, windowMinutes: 10 }]);
});
