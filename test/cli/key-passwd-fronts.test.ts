// One passphrase change (core/crypto/key-config.ts changePassphrase) behind both fronts: the same
// PBKDF2 key file changed by `pbs-tools key passwd` (a real process) and by the palette command
// Change Key Passphrase… comes out the same: PBS's default KDF (scrypt, whatever the file used
// before), `created` kept, the old hint dropped, the same key; `kdf none` stores the key without
// passphrase; a wrong old passphrase fails before a new one is asked for and leaves the file as it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TOOL_PALETTE_COMMANDS } from '../../client/commands/index.ts';
import { createKeyConfig, decryptKey, parseKeyConfig, serializeKeyConfig } from '../../core/crypto/key-config.ts';
import { runCli } from '../helpers/cli.ts';
import { fakePrompts } from '../helpers/prompts.ts';

const OLD = 'the old passphrase';
const NEW = 'the new passphrase';
const CREATED = 1_700_000_000;

/** A fresh PBKDF2 key file with a hint, in its own folder. */
async function pbkdf2KeyFile(): Promise<{ dir: string; path: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'pbs-key-fronts-'));
  const path = join(dir, 'k.json');
  const { config } = await createKeyConfig({ kdf: 'pbkdf2', passphrase: OLD, hint: 'old hint', now: CREATED });
  writeFileSync(path, serializeKeyConfig(config));
  writeFileSync(join(dir, 'old'), OLD + '\n');
  writeFileSync(join(dir, 'new'), NEW + '\n');
  writeFileSync(join(dir, 'wrong'), 'not the passphrase\n');
  return { dir, path };
}

type Front = (dir: string, path: string, options: { old: 'old' | 'wrong'; kdf?: 'none' }) => Promise<{ ok: boolean; error: string; newAsked: boolean }>;

const cliFront: Front = async (dir, path, { old, kdf }) => {
  const args = ['--verbose', 'key', 'passwd', path, '--passphrase-file', old, ...(kdf ? ['--kdf', kdf] : ['--new-passphrase-file', 'new'])];
  const r = await runCli(args, { cwd: dir });
  // --verbose says when the new passphrase is read
  return { ok: r.code === 0, error: r.stderr, newAsked: /new passphrase/i.test(r.stderr) };
};

const commandFront: Front = async (_dir, path, { old, kdf }) => {
  const { prompts, asked } = fakePrompts({ inputs: [NEW, NEW] });
  const args = { keyFile: path, passphrase: old === 'old' ? OLD : 'not the passphrase', ...(kdf ? { kdf } : {}) };
  try {
    await TOOL_PALETTE_COMMANDS['pbs.changeKeyPassphrase'](prompts, args);
    return { ok: true, error: '', newAsked: asked.some((a) => a.includes('New passphrase')) };
  } catch (err) {
    return { ok: false, error: (err as Error).message, newAsked: asked.some((a) => a.includes('New passphrase')) };
  }
};

for (const [name, front] of [['pbs-tools key passwd', cliFront], ['Change Key Passphrase… (palette command)', commandFront]] as const) {
  test(`${name}: PBS's default KDF (scrypt) replaces PBKDF2, created kept, old hint dropped, same key`, async () => {
    const { dir, path } = await pbkdf2KeyFile();
    const before = parseKeyConfig(readFileSync(path));
    const r = await front(dir, path, { old: 'old' });
    assert.ok(r.ok, r.error);
    const after = parseKeyConfig(readFileSync(path));
    assert.equal(after.kdf?.type, 'scrypt');
    assert.deepEqual({ n: (after.kdf as { n: number }).n, r: (after.kdf as { r: number }).r, p: (after.kdf as { p: number }).p }, { n: 65536, r: 8, p: 1 });
    assert.equal(after.created, CREATED);
    assert.equal(after.hint, undefined);
    assert.deepEqual(after.fingerprint, before.fingerprint);
    const { key } = await decryptKey(after, NEW);
    const { key: oldKey } = await decryptKey(before, OLD);
    assert.deepEqual(key, oldKey);
  });

  test(`${name}: kdf none stores the key without passphrase`, async () => {
    const { dir, path } = await pbkdf2KeyFile();
    const r = await front(dir, path, { old: 'old', kdf: 'none' });
    assert.ok(r.ok, r.error);
    assert.equal(r.newAsked, false);
    const after = parseKeyConfig(readFileSync(path));
    assert.equal(after.kdf, null);
    assert.equal(after.created, CREATED);
    await decryptKey(after);
  });

  test(`${name}: a wrong old passphrase fails before a new one is asked for; the file is untouched`, async () => {
    const { dir, path } = await pbkdf2KeyFile();
    const before = readFileSync(path, 'utf8');
    const r = await front(dir, path, { old: 'wrong' });
    assert.equal(r.ok, false);
    assert.match(r.error, /wrong passphrase \(password hint: old hint\)/);
    assert.equal(r.newAsked, false);
    assert.equal(readFileSync(path, 'utf8'), before);
  });
}
