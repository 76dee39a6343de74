// The set of PBS files the service knows: the documents open in the editor (their text wins)
// and files read from disk, grouped by configuration root (the folder that holds datastore.cfg,
// sync.cfg, …; files in its `acme/` subfolder belong to the same root). Cross-file references
// resolve within one root.
import type { Span } from '../grammar/ast.ts';
import { configRootOf, type FileKind } from '../schema/file-kinds.ts';
import {
  definitionsIn,
  jsonReferencesIn,
  referencesIn,
  sectionDefinition,
  sectionReferencesInto,
  type Definition,
  type Reference,
  type ReferenceFilter,
} from '../schema/references.ts';
import type { SectionConfigAst, SectionNode } from '../grammar/ast.ts';
import { FileModel, type ParsedFile } from './parsed-file.ts';
import { SectionLists } from './section-splice.ts';

export { configRootOf };

/** A file's text as read, before any parse. */
export interface FileText {
  /** Absolute path (or a URI's path) with `/` separators. */
  path: string;
  kind: FileKind;
  text: string;
}

export interface WorkspaceFile extends FileText {
  parsed: ParsedFile;
}

export class Workspace {
  private readonly models = new Map<string, FileModel>();
  private readonly files = new Map<string, WorkspaceFile>();
  private readonly definitionCache = new WeakMap<ParsedFile, readonly Definition[]>();
  private readonly sectionIndex = new WeakMap<ParsedFile, Map<string, SectionNode | SectionNode[]>>();
  private readonly referenceCache = new WeakMap<ParsedFile, readonly Reference[]>();
  private readonly sectionDefinitions = new SectionLists<Definition>((d, delta) => ({ ...d, id: movedSpan(d.id, delta) }));
  private readonly sectionReferences = new SectionLists<Reference>((r, delta) => ({ ...r, name: movedSpan(r.name, delta) }));
  /** Per configuration root: how many times a file of it changed (workspace diagnostics' result ids). */
  private readonly rootGenerations = new Map<string, number>();

  /** A workspace of the files given. */
  static of(files: Iterable<FileText>): Workspace {
    const workspace = new Workspace();
    for (const f of files) workspace.set(f.path, f.kind, f.text);
    return workspace;
  }

  /** Adds or updates a file; re-parses only what changed since its last text. */
  set(path: string, kind: FileKind, text: string): WorkspaceFile {
    let model = this.models.get(path);
    if (!model || model.kind.name !== kind.name) {
      model = new FileModel(kind);
      this.models.set(path, model);
    }
    const old = this.files.get(path);
    if (old && old.text === text && old.kind.name === kind.name) return old;
    const file: WorkspaceFile = { path, kind, text, parsed: model.update(text) };
    this.files.set(path, file);
    this.changed(path, kind);
    if (old && old.kind.name !== kind.name) this.changed(path, old.kind);
    return file;
  }

  private changed(path: string, kind: FileKind): void {
    const root = configRootOf(path, kind);
    this.rootGenerations.set(root, (this.rootGenerations.get(root) ?? 0) + 1);
  }

  /**
   * Changes whenever a file of `file`'s configuration root changes, is added or removed: its
   * diagnostics (which depend on the files beside it) can only differ when this does.
   */
  generationOf(file: WorkspaceFile): number {
    return this.rootGenerations.get(configRootOf(file.path, file.kind)) ?? 0;
  }

  get(path: string): WorkspaceFile | undefined {
    return this.files.get(path);
  }

  delete(path: string): void {
    const old = this.files.get(path);
    this.files.delete(path);
    this.models.delete(path);
    if (old) this.changed(path, old.kind);
  }

  all(): WorkspaceFile[] {
    return [...this.files.values()];
  }

  /**
   * The configuration roots that look like a PBS configuration folder: named `proxmox-backup`, or
   * holding files of two or more PBS kinds. A lone `node.cfg` or `user.cfg` in some other
   * project's folder is most likely not PBS's: workspace diagnostics leave such folders alone
   * unless their files are opened.
   */
  configTrees(): Set<string> {
    const kinds = new Map<string, Set<string>>();
    for (const f of this.files.values()) {
      const root = configRootOf(f.path, f.kind);
      let set = kinds.get(root);
      if (!set) kinds.set(root, (set = new Set()));
      set.add(f.kind.name);
    }
    const trees = new Set<string>();
    for (const [root, set] of kinds) if (set.size >= 2 || root.slice(root.lastIndexOf('/') + 1) === 'proxmox-backup') trees.add(root);
    return trees;
  }

  /** The files sharing a configuration root with `file` (itself included). */
  siblingsOf(file: WorkspaceFile): WorkspaceFile[] {
    const root = configRootOf(file.path, file.kind);
    return this.all().filter((f) => configRootOf(f.path, f.kind) === root);
  }

  /** The file of a kind in the same root as `file`, if the workspace has one. */
  siblingOfKind(file: WorkspaceFile, kindName: string): WorkspaceFile | undefined {
    const root = configRootOf(file.path, file.kind);
    for (const f of this.files.values()) {
      if (f.kind.name === kindName && configRootOf(f.path, f.kind) === root) return f;
    }
    return undefined;
  }

  definitions(file: WorkspaceFile): readonly Definition[] {
    let defs = this.definitionCache.get(file.parsed);
    if (!defs) {
      const p = file.parsed;
      defs = p.family === 'json' ? [] : p.family === 'section-config' ? this.perSection(file, p.ast, this.sectionDefinitions, definitionsIn) : definitionsIn(p.kind.name, p.ast);
      this.definitionCache.set(file.parsed, defs);
    }
    return defs;
  }

  references(file: WorkspaceFile): readonly Reference[] {
    let refs = this.referenceCache.get(file.parsed);
    if (!refs) {
      const p = file.parsed;
      refs =
        p.family === 'json'
          ? jsonReferencesIn(p.kind.name, file.text)
          : p.family === 'section-config'
            ? this.perSection(file, p.ast, this.sectionReferences, referencesIn)
            : referencesIn(p.kind.name, p.ast);
      this.referenceCache.set(file.parsed, refs);
    }
    return refs;
  }

  /**
   * Calls `visit` with each reference of the file (with `wanted`: each it accepts, asked just
   * before the reference would be visited), in order, until it returns false: for one pass over
   * them (diagnostics). A section-config file read once whose references were not asked for (the
   * CLI) has them made one by one as they are visited and not kept, so that they die young (a lint
   * of a 50k-section user.cfg made 50k references the garbage collector copied twice, ~7 MB, for
   * one look at each), and none is made for a name `wanted` refuses. Otherwise the references of
   * `references`.
   */
  forEachReference(file: WorkspaceFile, visit: (ref: Reference) => boolean, wanted?: ReferenceFilter): void {
    const p = file.parsed;
    if (p.family === 'section-config' && !this.referenceCache.has(p) && !this.models.get(file.path)?.edited) {
      let going = true;
      const sink = { push: (ref: Reference) => void (going &&= visit(ref)) };
      // An index, not for-of: this loop runs once per file, mostly before V8 optimizes it, and
      // until then each step of an iterator is an object (~3 MB of garbage for 50k sections).
      const sections = p.ast.sections;
      for (let i = 0; i < sections.length; i++) {
        sectionReferencesInto(sink, file.kind.name, sections[i], wanted);
        if (!going) return;
      }
      return;
    }
    for (const ref of this.references(file)) {
      if (wanted !== undefined && !wanted(ref.target.kind, ref.builtins, ref.name.text)) continue;
      if (!visit(ref)) return;
    }
  }

  /**
   * Where a name a reference gives (to a `targetKind` object; `builtins`: names that exist
   * without a definition) is looked up from `from`: the target file, `'builtin'`, or
   * `'unchecked'` when the target file is not in the workspace.
   */
  lookUpIn(from: WorkspaceFile, targetKind: string, builtins: readonly string[], name: string): WorkspaceFile | 'builtin' | 'unchecked' {
    if (builtins.includes(name)) return 'builtin';
    return (targetKind === from.kind.name ? from : this.siblingOfKind(from, targetKind)) ?? 'unchecked';
  }

  /**
   * Collects per-section results, reusing those of sections an edit did not touch
   * (section-splice.ts). A file read once (the CLI, the files beside an open one) is worked out in
   * one pass: keeping a result per section only pays once the file is edited.
   */
  private perSection<T>(
    file: WorkspaceFile,
    ast: SectionConfigAst,
    lists: SectionLists<T>,
    compute: (kind: string, ast: SectionConfigAst) => T[],
  ): readonly T[] {
    const kind = file.kind.name;
    if (!this.models.get(file.path)?.edited) return compute(kind, ast);
    return lists.of(ast.sections, (s) => compute(kind, { family: 'section-config', sections: [s], problems: [] }));
  }

  /**
   * Where a reference points: the matching definitions, `'builtin'` for an object PBS always
   * has, `'unchecked'` when the target file is not in the workspace, or `[]` when it is missing.
   */
  resolve(from: WorkspaceFile, ref: Reference): Definition[] | 'builtin' | 'unchecked' {
    const target = this.lookUpIn(from, ref.target.kind, ref.builtins, ref.name.text);
    if (typeof target === 'string') return target;
    const named = this.sectionsById(target).get(ref.name.text);
    if (named === undefined) return [];
    const kind = target.kind.name;
    if (!Array.isArray(named)) return fits(ref, named) ? [sectionDefinition(kind, named)] : [];
    return named.filter((s) => fits(ref, s)).map((s) => sectionDefinition(kind, s));
  }

  /**
   * Whether `resolve` would give 'builtin', 'unchecked' or some definition, without making them
   * (diagnostics ask this of every reference of a file).
   */
  resolves(from: WorkspaceFile, ref: Reference): boolean {
    const target = this.lookUpIn(from, ref.target.kind, ref.builtins, ref.name.text);
    if (typeof target === 'string') return true;
    const named = this.sectionsById(target).get(ref.name.text);
    if (named === undefined) return false;
    return Array.isArray(named) ? named.some((s) => fits(ref, s)) : fits(ref, named);
  }

  /** How many different section ids a section-config file has (0 for other files). */
  distinctSectionIds(file: WorkspaceFile): number {
    return this.sectionsById(file).size;
  }

  /**
   * A file's sections by id (a file of 100k references to 100k users looks each up once): the one
   * section of an id, or all of them in order when there are more (most ids have one; no list
   * each). Sections, not definitions: a file read once (the CLI) makes a definition only for the
   * names its references find (what `definitions` would give for them).
   */
  private sectionsById(file: WorkspaceFile): Map<string, SectionNode | SectionNode[]> {
    let index = this.sectionIndex.get(file.parsed);
    if (!index) {
      index = new Map();
      if (file.parsed.family === 'section-config') {
        const sections = file.parsed.ast.sections;
        // Ids are nearly always unique: one store each, then, only if some id came twice (a
        // store replaced another), again with a look-up before each store. (Indexes, not for-of:
        // see forEachReference.)
        for (let i = 0; i < sections.length; i++) index.set(sections[i].idText, sections[i]);
        if (index.size < sections.length) {
          index.clear();
          for (let i = 0; i < sections.length; i++) {
            const s = sections[i];
            const id = s.idText;
            const found = index.get(id);
            if (found === undefined) index.set(id, s);
            else if (Array.isArray(found)) found.push(s);
            else index.set(id, [found, s]);
          }
        }
      }
      this.sectionIndex.set(file.parsed, index);
    }
    return index;
  }
}

/** Whether a section is of a type a reference may name. */
function fits(ref: Reference, s: SectionNode): boolean {
  const types = ref.target.sectionTypes;
  return types.length === 0 || types.includes(s.typeText);
}

/** A span `delta` code units further on. */
function movedSpan(span: Span, delta: number): Span {
  return { text: span.text, start: span.start + delta, end: span.end + delta };
}

export type { Definition, Reference, Span };
