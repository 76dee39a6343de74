/// <reference types="mocha" />
// The same .vsix in VS Code for the Web's extension worker (code-server with the user setting
// remote.extensionKind = web, as vscode.dev and github.dev run it): the host is proven first, then
// the language features run as in the Node host (test/e2e/language-features.ts), with the server
// in a Web Worker reading the workspace's files through the client; the portable palette commands
// work, the disk ones are neither registered nor in the palette (the runner checks the palette).
import * as assert from '../check.ts';
import * as vscode from 'vscode';
import { clean, languageFeatureTests, open, waitFor, ws } from '../language-features.ts';

const EXTENSION = 'pbs-tools.pbs-tools';

suite('PBS Tools in VS Code for the Web (web worker extension host)', () => {
  test('this is the web worker host: no Node, the web UI, the browser entry', async () => {
    assert.equal(typeof process, 'undefined', 'no Node process object in the web worker');
    assert.equal(typeof (globalThis as { importScripts?: unknown }).importScripts, 'function', 'a worker global scope');
    assert.equal(vscode.env.uiKind, vscode.UIKind.Web);
    const ext = vscode.extensions.getExtension<{ commands: string[] }>(EXTENSION);
    assert.ok(ext, 'the extension is installed');
    assert.equal(ext.extensionKind, vscode.ExtensionKind.UI, 'forced into the web worker (remote.extensionKind: web)');
    // activation here is the browser entry: without Node, the Node entry could not have started
    await ext.activate();
    assert.deepEqual([...ext.exports.commands].sort(), ['pbs.computeSha256OfEditor', 'pbs.restartServer', 'pbs.showJobCalendar', 'pbs.showNextRuns', 'pbs.showOutput', 'pbs.simulatePruneJob']);
  });

  languageFeatureTests();

  test('a PBS file that is not UTF-8, read through the client, is reported unreadable', async () => {
    const file = ws('watched', 'etc', 'proxmox-backup', 'remote.cfg');
    // 'remote: münchen' in Latin-1: PBS refuses to read such a file
    await vscode.workspace.fs.writeFile(file, new Uint8Array([...new TextEncoder().encode('remote: m'), 0xfc, ...new TextEncoder().encode('nchen\n')]));
    const problem = await waitFor('the unreadable-file problem of remote.cfg', () => vscode.languages.getDiagnostics(file).find((d) => d.code === 'unreadable-file'));
    assert.match(problem.message, /UTF-8/);
  });

  test('the disk commands are not registered here', async () => {
    const all = await vscode.commands.getCommands(true);
    for (const id of ['pbs.computeSha256', 'pbs.testEncryptionKey', 'pbs.createEncryptionKey', 'pbs.changeKeyPassphrase', 'pbs.generateCertificate', 'pbs.showCertificateInfo', 'pbs.inspectBlob']) {
      assert.ok(!all.includes(id), `${id} is registered in the web worker`);
    }
    assert.ok(all.includes('pbs.showNextRuns'));
  });

  test('SHA-256 of the editor selection with WebCrypto: the known digest', async () => {
    await open(clean('datastore.cfg'));
    const editor = vscode.window.activeTextEditor!;
    editor.selection = new vscode.Selection(0, 0, 0, 9);
    assert.equal(editor.document.getText(editor.selection), 'datastore');
    const r = await vscode.commands.executeCommand<{ sha256: string; size: number }>('pbs.computeSha256OfEditor');
    // printf datastore | sha256sum
    assert.deepEqual(r, { sha256: 'aa7e5b234e1d55967bf0a316395a2eab6cb3370332c0f251f0e44a5afb84fc68', size: 9 });
  });

  test('next runs of a schedule; the job calendar and prune simulation from the server', async () => {
    const runs = await vscode.commands.executeCommand<{ runs: unknown[] }>('pbs.showNextRuns', { schedule: 'daily', count: 3 });
    assert.equal(runs.runs.length, 3);
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('pbs.showNextRuns', { schedule: 'nightly' })), /not a PBS schedule/);
    await open(clean('prune.cfg'));
    const calendar = await vscode.commands.executeCommand<{ title: string; svg: string }>('pbs.showJobCalendar', {});
    assert.match(calendar.title, /PBS job calendar/);
    assert.match(calendar.svg, /^<svg/);
  });
});
