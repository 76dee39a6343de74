// The server's settings: the defaults are exactly package.json's contributes.configuration (the
// VS Code side and every other editor get the same behaviour), and whatever a client sends —
// nested, dotted, wrong types — gives usable settings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DEFAULT_SETTINGS, flatDefaults, settingsFrom } from '../../../server/settings.ts';
import { fileKindWithAssociations, unknownAssociationKinds } from '../../../server/file-associations.ts';

const manifest = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, { default: unknown }> } };
};

test('every default equals package.json contributes.configuration, and no setting is missing on either side', () => {
  const declared = Object.fromEntries(Object.entries(manifest.contributes.configuration.properties).map(([k, v]) => [k, v.default]));
  assert.deepEqual(flatDefaults(), declared);
});

test('nested, dotted and pbs-wrapped settings are read; wrong types fall back to the defaults', () => {
  assert.deepEqual(settingsFrom(null), DEFAULT_SETTINGS);
  assert.deepEqual(settingsFrom('garbage'), DEFAULT_SETTINGS);
  const nested = settingsFrom({ validation: { enable: false }, limits: { maxResults: 50 }, inlayHints: { enable: true } });
  assert.equal(nested.validation.enable, false);
  assert.equal(nested.limits.maxResults, 50);
  assert.equal(nested.limits.maxDiagnostics, 1000);
  assert.equal(nested.inlayHints.enable, true);
  const dotted = settingsFrom({ 'validation.enable': false, 'limits.maxDiagnostics': 3 });
  assert.equal(dotted.validation.enable, false);
  assert.equal(dotted.limits.maxDiagnostics, 3);
  assert.equal(settingsFrom({ pbs: { inlayHints: { enable: true } } }).inlayHints.enable, true);
  const wrong = settingsFrom({ validation: { enable: 'no' }, limits: { maxResults: -4, maxDiagnostics: 2.5 }, fileAssociations: ['x'], trace: { server: 'loud' } });
  assert.deepEqual(wrong, DEFAULT_SETTINGS);
  assert.deepEqual(settingsFrom({ fileAssociations: { '*.j2': 'datastore.cfg', bad: 7 } }).fileAssociations, { '*.j2': 'datastore.cfg' });
});

test('file associations add files to a kind; PBS file names keep their own kind; bad globs and kinds are ignored', () => {
  const assoc = { '**/templates/datastore.cfg.j2': 'datastore.cfg', '*.sync.j2': 'sync.cfg', '[': 'acl.cfg', '*.x': 'no-such.cfg' };
  assert.equal(fileKindWithAssociations('/srv/ansible/templates/datastore.cfg.j2', assoc)?.name, 'datastore.cfg');
  assert.equal(fileKindWithAssociations('/srv/roles/pbs/nightly.sync.j2', assoc)?.name, 'sync.cfg');
  assert.equal(fileKindWithAssociations('/etc/proxmox-backup/user.cfg', assoc)?.name, 'user.cfg');
  assert.equal(fileKindWithAssociations('/srv/other.txt', assoc), undefined);
  assert.equal(fileKindWithAssociations('/srv/a.x', assoc), undefined);
  assert.deepEqual(unknownAssociationKinds(assoc), ['no-such.cfg']);
});
