// The toolbox commands on files (the Node server's), called directly: exact results for known
// inputs, and a specific message for each way the input can be wrong.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSelfSignedCert } from '../../../core/crypto/cert.ts';
import { createKeyConfig, writeKeyConfig } from '../../../core/crypto/key-config.ts';
import { runFileCommand } from '../../../server/file-commands.ts';
import { FILE_TOOL_COMMANDS } from '../../../service/tool-command-names.ts';

const dir = mkdtempSync(join(tmpdir(), 'pbs-file-cmds-'));

test('sha256 of an empty file is the well-known digest', async () => {
  writeFileSync(join(dir, 'empty'), '');
  assert.deepEqual(await runFileCommand('pbs.server.sha256', [join(dir, 'empty')]), {
    path: join(dir, 'empty'),
    sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    size: 0,
  });
});

test('key info shows kdf, parameters and hint of a scrypt key without asking for its passphrase', async () => {
  const { config } = await createKeyConfig({ kdf: 'scrypt', passphrase: Buffer.from('some passphrase'), hint: 'the usual one' });
  await writeKeyConfig(join(dir, 'key.json'), config, { overwrite: false });
  const info = (await runFileCommand('pbs.server.keyInfo', [join(dir, 'key.json')])) as Record<string, unknown>;
  assert.equal(info.kdf, 'scrypt');
  assert.deepEqual(info.parameters, { n: 65536, r: 8, p: 1, saltBytes: 32 });
  assert.equal(info.hint, 'the usual one');
  assert.ok(!JSON.stringify(info).includes('some passphrase'));
  writeFileSync(join(dir, 'broken.json'), '{"kdf": "rot13"}');
  await assert.rejects(runFileCommand('pbs.server.keyInfo', [join(dir, 'broken.json')]), /key file '.*broken\.json': /);
});

test('certificate info of a generated certificate; a folder or a non-PEM file is refused by name', async () => {
  const cert = await generateSelfSignedCert({ keyType: 'ec', commonName: 'pbs.example.com', altNames: ['192.0.2.7'], now: new Date('2026-01-01T00:00:00Z') });
  writeFileSync(join(dir, 'proxy.pem'), cert.certPem);
  const info = (await runFileCommand('pbs.server.certInfo', [join(dir, 'proxy.pem')], new Date('2026-06-01T00:00:00Z'))) as Record<string, unknown>;
  assert.equal(info.fingerprint, cert.info.fingerprint);
  assert.ok((info.altNames as string[]).includes('IP Address:192.0.2.7'), String(info.altNames));
  assert.equal(info.notBefore, '2026-01-01T00:00:00.000Z');
  assert.equal(info.expired, false);
  await assert.rejects(runFileCommand('pbs.server.certInfo', [dir]), /^Error: cannot read certificate file '.*': it is a directory; give a file$/);
});

test('every file command is implemented, and a file URI of another machine is refused by name', async () => {
  for (const c of FILE_TOOL_COMMANDS) {
    await assert.rejects(runFileCommand(c, [undefined]), /the first argument must be a file path/);
  }
  await assert.rejects(runFileCommand('pbs.server.sha256', ['file://elsewhere/etc/x']), /is not a file URI of this machine/);
});
