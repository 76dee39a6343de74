// `pbs.fileAssociations`: extra files to read as a PBS file kind (Ansible/Jinja templates such as
// `templates/datastore.cfg.j2`, files kept under another name). The built-in recognition by file
// name (schema/file-kinds.ts) comes first; a glob only adds files it does not know.
//
// The globs come from settings a cloned repository can carry (.vscode/settings.json), and picomatch
// compiles them to backtracking regexes: an extglob such as `+(a*)c` backtracks exponentially, and
// `*a*a*a*b` polynomially, on a long name of a's. So the matching is bounded: extglobs are refused,
// a segment may hold at most MAX_STARS `*`, a glob at most MAX_GLOB_LENGTH characters, at most
// MAX_ASSOCIATIONS globs count, and only paths of real sizes are matched (no name over NAME_MAX);
// a path's answer is remembered. What is refused is said once (associationProblems).
import picomatch from 'picomatch';
import { fileKindByName, fileKindOfPath, type FileKind } from '../service/light.ts';

export const ASSOCIATION_LIMITS = Object.freeze({
  /** Globs looked at; the rest are ignored. */
  maxAssociations: 100,
  maxGlobLength: 256,
  /** `*` in one path segment of a glob (`**` segments aside): 3 costs ~10 ms on a 250-character name, 4 costs ~0.6 s. */
  maxStars: 3,
  /** Paths (PATH_MAX) and names (NAME_MAX) longer than a file system has are not matched. */
  maxPathLength: 4096,
  maxNameLength: 255,
  /** Paths whose answer is remembered. */
  rememberedPaths: 2000,
});

type Matcher = { test: (path: string) => boolean; kind: FileKind };

interface Compiled {
  matchers: Matcher[];
  /** Why globs were refused, one line each. */
  problems: string[];
  answers: Map<string, FileKind | undefined>;
}

let compiledFor: Record<string, string> | undefined;
let compiled: Compiled = { matchers: [], problems: [], answers: new Map() };

const EXTGLOB = /[@!?*+]\(/;

/** Why a glob is refused, or undefined when it may be compiled. */
function refusal(glob: string): string | undefined {
  const L = ASSOCIATION_LIMITS;
  if (glob.length > L.maxGlobLength) return `it is ${glob.length} characters long, more than ${L.maxGlobLength}`;
  if (EXTGLOB.test(glob)) return 'extglobs such as +(…), *(…), @(…) are not supported (they can make matching take forever); use *, ?, ** and {a,b}';
  for (const segment of glob.split('/')) {
    const stars = segment === '**' ? 0 : [...segment].filter((c) => c === '*').length;
    if (stars > L.maxStars) return `'${segment.slice(0, 40)}' has ${stars} '*', more than the ${L.maxStars} one path segment may have`;
  }
  return undefined;
}

/** The globs as matchers; a glob naming an unknown kind, refused, or that does not compile is skipped. */
function compile(associations: Record<string, string>): Compiled {
  if (compiledFor === associations) return compiled;
  const out: Matcher[] = [];
  const problems: string[] = [];
  const entries = Object.entries(associations);
  if (entries.length > ASSOCIATION_LIMITS.maxAssociations) {
    problems.push(`only the first ${ASSOCIATION_LIMITS.maxAssociations} of ${entries.length} globs are used`);
  }
  for (const [glob, kindName] of entries.slice(0, ASSOCIATION_LIMITS.maxAssociations)) {
    const kind = fileKindByName(kindName);
    if (!kind) continue;
    const why = refusal(glob);
    const shown = JSON.stringify(glob.length > 60 ? `${glob.slice(0, 60)}…` : glob);
    if (why) {
      problems.push(`the glob ${shown} is ignored: ${why}`);
      continue;
    }
    try {
      // A glob without '/' matches the file name anywhere (`*.cfg.j2`), like files.associations.
      // (noextglob: extglobs were refused above; this keeps any that slipped by literal)
      const isMatch = picomatch(glob, { dot: true, basename: !glob.includes('/'), noextglob: true });
      out.push({ test: (p) => isMatch(p), kind });
    } catch {
      problems.push(`the glob ${shown} is ignored: it is not a valid glob`);
    }
  }
  compiledFor = associations;
  compiled = { matchers: out, problems, answers: new Map() };
  return compiled;
}

function matchable(path: string): boolean {
  const L = ASSOCIATION_LIMITS;
  return path.length <= L.maxPathLength && path.split('/').every((name) => name.length <= L.maxNameLength);
}

/** The PBS file kind of `path`: by its name, else by the first matching association. */
export function fileKindWithAssociations(path: string, associations: Record<string, string>): FileKind | undefined {
  const known = fileKindOfPath(path);
  if (known) return known;
  const c = compile(associations);
  if (c.matchers.length === 0 || !matchable(path)) return undefined;
  if (c.answers.has(path)) return c.answers.get(path);
  const kind = c.matchers.find((m) => m.test(path))?.kind;
  if (c.answers.size >= ASSOCIATION_LIMITS.rememberedPaths) c.answers.clear();
  c.answers.set(path, kind);
  return kind;
}

/** Associations that name no PBS file kind (for a message to the user). */
export function unknownAssociationKinds(associations: Record<string, string>): string[] {
  return Object.values(associations).filter((k) => !fileKindByName(k));
}

/** Why some associations are not used (refused globs, too many), one line each. */
export function associationProblems(associations: Record<string, string>): string[] {
  return compile(associations).problems;
}
