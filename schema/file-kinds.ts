// The PBS file kinds: the one table every list of PBS files comes from. Kinds are named after the
// file PBS reads (see DESIGN.md contracts); a path is recognized by its ending, so
// /etc/proxmox-backup/sync.cfg, a Git checkout's etc/proxmox-backup/sync.cfg and ./sync.cfg are all
// `sync.cfg`.
//
// The kinds themselves are schema/kinds/*.json, the one source: each schema's "title" (the name),
// "x-pbs-family" and "x-pbs-file" ({ order, globs? }). `npm run kinds:sync` (scripts/kinds-sync.ts)
// writes their rows to file-kinds.generated.ts, read here, and their imports to kinds.generated.ts,
// read by registry.ts. Adding a kind is one JSON file plus `npm run kinds:sync`; a test fails while
// the generated files are stale, and test/unit/schema/file-kinds-lists.test.ts names every static
// list that must show the kind (package.json, editors/, README) and what to write there.
// Loads nothing heavy: the VS Code extension and the server's start-up read it (service/light.ts).
import picomatch from 'picomatch';
import { KIND_ROWS } from './file-kinds.generated.ts';

export type FileFamily = 'section-config' | 'acl' | 'key-value' | 'json';

export interface FileKind {
  /** The kind's name, e.g. `datastore.cfg`, `acme/plugins.cfg`, `encryption-key.json`. */
  name: string;
  family: FileFamily;
  /**
   * Where its files are, as globs over the whole path ('/' separators) in the syntax VS Code,
   * picomatch and the editors' setups share: `**\/datastore.cfg` is a file name anywhere.
   */
  globs: readonly string[];
}

interface KindRow {
  name: string;
  family: FileFamily;
  /** Default: the name anywhere (`**\/<name>`). */
  globs?: readonly string[];
}

const ROWS = KIND_ROWS satisfies readonly KindRow[];

/** The name of a kind of the table: schema/kinds.generated.ts holds a schema for each. */
export type KindName = (typeof ROWS)[number]['name'];

export const FILE_KINDS: readonly FileKind[] = ROWS.map((r: KindRow) => ({ name: r.name, family: r.family, globs: r.globs ?? [`**/${r.name}`] }));

/** The kind's schema file in schema/kinds/: its name with '/' as '-', plus `.json`. */
export function kindSchemaFile(kind: FileKind): string {
  return `${kind.name.replace('/', '-')}.json`;
}

/** Where the build puts a JSON kind's schema for VS Code's own JSON validation (contributes.jsonValidation). */
export function jsonSchemaUrl(kind: FileKind): string {
  return `./dist/schemas/${kind.name.replace(/\.json$/, '').replace('/', '-')}.schema.json`;
}

/**
 * Every `.cfg` below a `proxmox-backup` folder is PBS configuration, so the editors open it as
 * such even when its name is none of the kinds (it then gets `unknown-file-kind`).
 */
export const CONFIG_FOLDER_GLOB = '**/proxmox-backup/**/*.cfg';

/** Every glob of every kind: what an editor watches for the workspace's PBS files. */
export const KIND_GLOBS: readonly string[] = [...new Set(FILE_KINDS.flatMap((k) => k.globs))];

/** Folders a search of the workspace never enters, besides hidden ones (`.git`, …): tool caches and dependencies. */
export const SKIPPED_FOLDERS: readonly string[] = ['node_modules', '__pycache__', 'venv', '.venv'];

/** The same folders, and every hidden one, as one exclude glob (the web client's workspace search). */
export const WORKSPACE_EXCLUDE_GLOB = `**/{.*,${SKIPPED_FOLDERS.join(',')}}/**`;

/** The most PBS files a search of the workspace takes (a PBS tree has a few dozen). */
export const MAX_WORKSPACE_FILES = 5000;

const BY_NAME = new Map(FILE_KINDS.map((k) => [k.name, k]));

export function fileKindByName(name: string): FileKind | undefined {
  return BY_NAME.get(name);
}

/** What picomatch reads as glob syntax: a tail with none of it matches only itself. */
const GLOB_SYNTAX = /[*?[\]{}()!+@\\]/;

/**
 * A test of a glob's tail: picomatch's, made on first use, or plain equality for a name without
 * glob syntax (most kinds: compiling their 25 globs was ~1 ms of every start).
 */
function tailMatcher(tail: string): (path: string) => boolean {
  if (!GLOB_SYNTAX.test(tail)) return (path) => path === tail;
  let compiled: ((path: string) => boolean) | undefined;
  return (path) => (compiled ??= picomatch(tail, { dot: true }))(path);
}

// Every glob starts with `**/`: the rest is matched against as many trailing path segments as it
// has, so `**` never has to read (or skip) the folders above. Globs naming a folder are tried
// before bare file names, so `acme/accounts/<name>` wins over a kind that only names the file.
const MATCHERS = FILE_KINDS.flatMap((kind) =>
  kind.globs.map((glob) => {
    const tail = glob.replace(/^\*\*\//, '');
    return { kind, segments: tail.split('/').length, isMatch: tailMatcher(tail) };
  }),
).sort((a, b) => b.segments - a.segments);

/** The path segments the globs look at: `**\/acme/accounts/<name>` needs three. */
const TAIL_SEGMENTS = MATCHERS[0].segments;
/** No file system has longer names; longer text (an `untitled:` buffer's name) is no PBS file. */
const MAX_NAME = 255;

/**
 * The kind of a file from its path (either separator), or undefined when it is not a PBS file.
 * Only the last segments are matched, so the work is bounded whatever the path's length.
 * Templates (Ansible's `datastore.cfg.j2`) are mapped by the editor settings, not here.
 */
export function fileKindOfPath(path: string): FileKind | undefined {
  const tail = path.slice(-TAIL_SEGMENTS * (MAX_NAME + 1)).split(/[\\/]/).filter((p) => p !== '').slice(-TAIL_SEGMENTS);
  if (tail.length === 0 || tail.some((p) => p.length > MAX_NAME)) return undefined;
  return MATCHERS.find((m) => m.segments <= tail.length && m.isMatch(tail.slice(-m.segments).join('/')))?.kind;
}

/** The configuration root of a file: its folder, or the folder above `acme/…`. */
export function configRootOf(path: string, kind: FileKind): string {
  const parts = path.replace(/\\/g, '/').split('/');
  parts.pop();
  if (kind.name === 'acme/plugins.cfg') parts.pop();
  if (kind.name === 'acme/accounts') parts.splice(-2, 2);
  return parts.join('/');
}
