// `pbs.fileAssociations`: extra files to read as a PBS file kind (Ansible/Jinja templates such as
// `templates/datastore.cfg.j2`, files kept under another name). The built-in recognition by file
// name (schema/file-kinds.ts) comes first; a glob only adds files it does not know.
import picomatch from 'picomatch';
import { fileKindByName, fileKindOfPath, type FileKind } from '../schema/file-kinds.ts';

type Matcher = { test: (path: string) => boolean; kind: FileKind };

let compiledFor: Record<string, string> | undefined;
let matchers: Matcher[] = [];

/** The globs as matchers; a glob naming an unknown kind or that does not compile is skipped. */
function compile(associations: Record<string, string>): Matcher[] {
  if (compiledFor === associations) return matchers;
  const out: Matcher[] = [];
  for (const [glob, kindName] of Object.entries(associations)) {
    const kind = fileKindByName(kindName);
    if (!kind) continue;
    try {
      // A glob without '/' matches the file name anywhere (`*.cfg.j2`), like files.associations.
      const isMatch = picomatch(glob, { dot: true, basename: !glob.includes('/') });
      out.push({ test: (p) => isMatch(p), kind });
    } catch {
      // an invalid glob associates nothing
    }
  }
  compiledFor = associations;
  matchers = out;
  return out;
}

/** The PBS file kind of `path`: by its name, else by the first matching association. */
export function fileKindWithAssociations(path: string, associations: Record<string, string>): FileKind | undefined {
  const known = fileKindOfPath(path);
  if (known) return known;
  for (const m of compile(associations)) if (m.test(path)) return m.kind;
  return undefined;
}

/** Associations that name no PBS file kind (for a message to the user). */
export function unknownAssociationKinds(associations: Record<string, string>): string[] {
  return Object.values(associations).filter((k) => !fileKindByName(k));
}
