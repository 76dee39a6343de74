/// <reference types="mocha" />
// The extension inside a real VS Code's Node extension host (code-server, or a desktop VS Code
// through @vscode/test-electron): the language features (test/e2e/language-features.ts, shared
// with the web worker's suite) and every disk palette command driven with its args object.
// Run by mocha (TDD interface) from test/e2e/exthost-index.cjs; PBS_E2E_WS is the workspace the
// runner prepared (copies of examples/ and a scratch folder).
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { encodeBlob } from '../../../core/crypto/blob.ts';
import { CryptConfig } from '../../../core/crypto/crypt-config.ts';
import { decryptKey, parseKeyConfig } from '../../../core/crypto/key-config.ts';
import { clean, languageFeatureTests, open } from '../language-features.ts';

const WS = process.env.PBS_E2E_WS ?? '';
const SCRATCH = join(WS, 'scratch');

suite('PBS Tools in VS Code', () => {
  suiteSetup(() => {
    assert.ok(WS, 'PBS_E2E_WS is set by the runner');
    mkdirSync(SCRATCH, { recursive: true });
  });

  languageFeatureTests();

  test('the Node host registers every palette command, the disk ones included', async () => {
    const ext = vscode.extensions.getExtension<{ commands: string[] }>('pbs-tools.pbs-tools')!;
    assert.ok(ext.exports.commands.includes('pbs.computeSha256'));
    assert.ok((await vscode.commands.getCommands(true)).includes('pbs.inspectBlob'));
  });

  test('SHA-256 of a file and of the editor selection', async () => {
    const file = join(SCRATCH, 'data.bin');
    writeFileSync(file, 'proxmox backup');
    const r = await vscode.commands.executeCommand<{ sha256: string; size: number }>('pbs.computeSha256', { path: file });
    assert.equal(r.sha256, createHash('sha256').update('proxmox backup').digest('hex'));
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('pbs.computeSha256', { path: join(SCRATCH, 'nope') })), /does not exist/);
    const doc = await open(clean('datastore.cfg'));
    const editor = vscode.window.activeTextEditor!;
    editor.selection = new vscode.Selection(0, 0, 0, 9);
    const sel = await vscode.commands.executeCommand<{ sha256: string }>('pbs.computeSha256OfEditor');
    assert.equal(sel.sha256, createHash('sha256').update(doc.getText(editor.selection)).digest('hex'));
  });

  test('encryption keys: create (0600), refuse to overwrite, test, wrong passphrase, change passphrase', async () => {
    // the runner looks for these in every log of the run afterwards (pbs.trace.server is verbose)
    writeFileSync(join(SCRATCH, 'secrets-used.json'), JSON.stringify(['e2e passphrase', 'other passphrase', 'wrong one!', 'new e2e passphrase']));
    const key = join(SCRATCH, 'encryption-key.json');
    const created = await vscode.commands.executeCommand<{ fingerprint: string }>('pbs.createEncryptionKey', { path: key, passphrase: 'e2e passphrase', hint: 'e2e' });
    assert.equal(statSync(key).mode & 0o777, 0o600);
    const before = readFileSync(key, 'utf8');
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('pbs.createEncryptionKey', { path: key, passphrase: 'other passphrase' })), /already exists/);
    assert.equal(readFileSync(key, 'utf8'), before, 'untouched');
    const tested = await vscode.commands.executeCommand<{ fingerprint: string; kdf: string }>('pbs.testEncryptionKey', { keyFile: key, passphrase: 'e2e passphrase' });
    assert.equal(tested.fingerprint, created.fingerprint);
    assert.equal(tested.kdf, 'scrypt');
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('pbs.testEncryptionKey', { keyFile: key, passphrase: 'wrong one!' })), /passphrase/i);
    const changed = await vscode.commands.executeCommand<{ fingerprint: string }>('pbs.changeKeyPassphrase', { keyFile: key, passphrase: 'e2e passphrase', newPassphrase: 'new e2e passphrase' });
    assert.equal(changed.fingerprint, created.fingerprint);
    assert.equal(statSync(key).mode & 0o777, 0o600);
    await decryptKey(parseKeyConfig(readFileSync(key)), 'new e2e passphrase');
  });

  test('self-signed certificate: proxy.pem + proxy.key (0600), no replacing unasked, certificate info', async () => {
    const dir = join(SCRATCH, 'cert');
    const r = await vscode.commands.executeCommand<{ certPath: string; keyPath: string; fingerprint: string }>('pbs.generateCertificate', {
      outDir: dir,
      cn: 'pbs.e2e.example',
      sans: ['192.0.2.44'],
      keyType: 'ec',
    });
    assert.equal(statSync(r.keyPath).mode & 0o777, 0o600);
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('pbs.generateCertificate', { outDir: dir, keyType: 'ec' })), /already exist/);
    const info = await vscode.commands.executeCommand<{ fingerprint: string; altNames: string[] }>('pbs.showCertificateInfo', { path: r.certPath });
    assert.equal(info.fingerprint, r.fingerprint);
    assert.ok(info.altNames.includes('IP Address:192.0.2.44'));
  });

  test('data blob inspection, with and without the key; next runs of a schedule', async () => {
    const key = join(SCRATCH, 'blob-key.json');
    await vscode.commands.executeCommand('pbs.createEncryptionKey', { path: key, kdf: 'none' });
    const raw = (await decryptKey(parseKeyConfig(readFileSync(key)))).key;
    const blob = join(SCRATCH, 'index.json.blob');
    writeFileSync(blob, await encodeBlob(Buffer.from('{"backup-type":"vm"}'), { crypt: new CryptConfig(raw) }));
    const withKey = await vscode.commands.executeCommand<Record<string, unknown>>('pbs.inspectBlob', { path: blob, keyFile: key });
    assert.equal(withKey.decrypt, 'ok');
    assert.equal(withKey.decoded, 20);
    const without = await vscode.commands.executeCommand<Record<string, unknown>>('pbs.inspectBlob', { path: blob });
    assert.equal(without.kind, 'encrypted'); // 20 bytes: zstd would not make it smaller, so it is stored uncompressed
    const runs = await vscode.commands.executeCommand<{ runs: unknown[] }>('pbs.showNextRuns', { schedule: 'daily', count: 3 });
    assert.equal(runs.runs.length, 3);
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('pbs.showNextRuns', { schedule: 'nightly' })), /not a PBS schedule/);
  });
});
