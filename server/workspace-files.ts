// The PBS files that are not open in the editor, kept in the workspace, so that references from an
// open sync.cfg resolve against the datastore.cfg beside it even when that is not open. Where the
// files come from is a FileSource: the disk (Node server, disk-files.ts), the client (Web Worker
// server, client-files.ts) or nothing.
//
// A PBS-named file that cannot be read (a FIFO, a link to /dev/zero, a directory, too big, no
// permission) takes no part in the configuration: references into its kind are not checked, as
// when it is absent. It is remembered with the reason, which workspace diagnostics report on
// the file (as `pbs-tools lint` does) and the server log tells once.
import { FileReadError, quotePath } from '../core/fs/read-errors.ts';
import { configRootOf, fileKindOfPath } from '../service/light.ts';
import type { Workspace } from '../service/index.ts';
import type { WorkspaceFiles } from './host.ts';

export interface FileSource {
  /** The files of configuration root `root` (candidates: those with no PBS kind are skipped). */
  listRoot(root: string): Promise<readonly string[]>;
  /** Every PBS file under `folders`, bounded. */
  findAll(folders: readonly string[]): Promise<{ files: string[]; truncated: boolean }>;
  /** A file's text. Rejects with a FileReadError: code 'ENOENT' when there is no such file. */
  read(path: string): Promise<string>;
  /** The file left the workspace (the source may hold something for it). */
  forgotten?(path: string): void;
  /** Files read at once. */
  readonly parallelReads: number;
}

/** A source without files: the server knows only the open documents. */
export const NO_FILES: FileSource = {
  listRoot: async () => [],
  findAll: async () => ({ files: [], truncated: false }),
  read: async (path) => {
    throw new FileReadError('ENOENT', path, `no file ${quotePath(path)} is read by this server`, 'no such file');
  },
  parallelReads: 1,
};

export class SourcedFiles implements WorkspaceFiles {
  private readonly loading = new Map<string, Promise<void>>();
  /** PBS-named files that could not be read, with the reason ("it is a named pipe (FIFO), ..."). */
  private readonly unreadableFiles = new Map<string, string>();

  constructor(
    private readonly workspace: Workspace,
    private readonly source: FileSource,
    private readonly log: (message: string) => void = (m) => console.error(m),
  ) {}

  loadRoot(root: string, isOpen: (path: string) => boolean, refresh = false): Promise<void> {
    let p = this.loading.get(root);
    if (!p || refresh) {
      p = this.source.listRoot(root).then((candidates) => this.reloadAll(candidates.filter((c) => !isOpen(c) && fileKindOfPath(c))));
      this.loading.set(root, p);
    }
    return p;
  }

  findAll(folders: readonly string[]): Promise<{ files: string[]; truncated: boolean }> {
    return this.source.findAll(folders);
  }

  async reloadAll(paths: readonly string[]): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < paths.length) await this.reload(paths[next++]);
    };
    await Promise.all(Array.from({ length: Math.min(this.source.parallelReads, paths.length) }, worker));
  }

  async reload(path: string): Promise<void> {
    const kind = fileKindOfPath(path);
    if (!kind) return;
    try {
      // The workspace re-parses only when the text differs from what it has.
      this.workspace.set(path, kind, await this.source.read(path));
      this.unreadableFiles.delete(path);
    } catch (err) {
      this.workspace.delete(path);
      if (!(err instanceof FileReadError)) throw err;
      if (err.code === 'ENOENT') {
        this.unreadableFiles.delete(path); // gone (or a dangling link): simply absent
        this.source.forgotten?.(path);
        return;
      }
      if (this.unreadableFiles.get(path) !== err.reason) this.log(`pbs-language-server: not reading ${quotePath(path)}: ${err.reason}`);
      this.unreadableFiles.set(path, err.reason);
    }
  }

  forget(path: string): void {
    this.workspace.delete(path);
    this.unreadableFiles.delete(path);
    this.source.forgotten?.(path);
  }

  unreadable(): ReadonlyMap<string, string> {
    return this.unreadableFiles;
  }
}

/** The configuration root of a path, if it is a PBS file (a source lists a root's files with it). */
export function rootOfPath(path: string): string | undefined {
  const kind = fileKindOfPath(path);
  return kind && configRootOf(path, kind);
}
