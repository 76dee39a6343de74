// Which PBS file a path is. Kinds are named after the file PBS reads (see DESIGN.md contracts);
// a path is recognized by its ending, so /etc/proxmox-backup/sync.cfg, a Git checkout's
// etc/proxmox-backup/sync.cfg and ./sync.cfg are all `sync.cfg`.

export type FileFamily = 'section-config' | 'acl' | 'key-value' | 'json';

export interface FileKind {
  /** The kind's name, e.g. `datastore.cfg`, `acme/plugins.cfg`, `encryption-key.json`. */
  name: string;
  family: FileFamily;
}

const SECTION_CONFIG_FILES = [
  'datastore.cfg',
  's3.cfg',
  'user.cfg',
  'remote.cfg',
  'sync.cfg',
  'verification.cfg',
  'prune.cfg',
  'tape.cfg',
  'media-pool.cfg',
  'tape-job.cfg',
  'domains.cfg',
  'traffic-control.cfg',
  'metricserver.cfg',
  'notifications.cfg',
  'notifications-priv.cfg',
  'encryption-keys.cfg',
  'acme/plugins.cfg',
] as const;

const JSON_FILES = ['token.shadow', 'shadow.json', 'tfa.json', 'encryption-key.json', 'acme/accounts'] as const;

export const FILE_KINDS: readonly FileKind[] = [
  ...SECTION_CONFIG_FILES.map((name) => ({ name, family: 'section-config' as const })),
  { name: 'acl.cfg', family: 'acl' },
  { name: 'node.cfg', family: 'key-value' },
  ...JSON_FILES.map((name) => ({ name, family: 'json' as const })),
];

const BY_NAME = new Map(FILE_KINDS.map((k) => [k.name, k]));

export function fileKindByName(name: string): FileKind | undefined {
  return BY_NAME.get(name);
}

/**
 * The kind of a file from its path (either separator), or undefined when it is not a PBS file.
 * `acme/plugins.cfg` needs its folder; `acme/accounts/NAME` is an ACME account; any
 * `*encryption-key*.json` or `*.enc` file is read as a client encryption key (KeyConfig).
 */
export function fileKindOfPath(path: string): FileKind | undefined {
  const parts = path.replace(/\\/g, '/').split('/').filter((p) => p !== '');
  const base = parts[parts.length - 1] ?? '';
  const parent = parts[parts.length - 2] ?? '';
  const grandparent = parts[parts.length - 3] ?? '';
  if (parent === 'acme' && base === 'plugins.cfg') return BY_NAME.get('acme/plugins.cfg');
  if (grandparent === 'acme' && parent === 'accounts' && !base.startsWith('_')) return BY_NAME.get('acme/accounts');
  // Templates (Ansible's `datastore.cfg.j2`) are mapped by the editor settings, not here.
  if (base === 'plugins.cfg') return undefined;
  const direct = BY_NAME.get(base);
  if (direct && direct.name !== 'acme/accounts') return direct;
  if (/encryption-key.*\.json$/.test(base) || (parent === 'encryption-keys' && base.endsWith('.enc'))) {
    return BY_NAME.get('encryption-key.json');
  }
  return undefined;
}
