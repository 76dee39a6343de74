// Parses and validates one PBS file into a ParsedFile: its syntax tree (by family) and every
// problem the grammar and the schema find in it on their own (no other file involved).
//
// A file keeps at most MAX_PROBLEMS_PER_FILE problems (grammar/limits.ts), the first in document
// order; the rest are counted in `overflow` (checking stops once the checks have their share).
// Section-config files are updated per block and per section as they are edited
// (section-model.ts); the other families are small and parsed whole.
import type { AclAst, KeyValueAst, SectionConfigAst } from '../grammar/ast.ts';
import { CappedList, MAX_PROBLEMS_PER_FILE, type Overflow } from '../grammar/limits.ts';
import { parseAcl } from '../grammar/acl.ts';
import { parseNodeConfig } from '../grammar/node-config.ts';
import type { FileKind } from '../schema/file-kinds.ts';
import type { Problem } from '../schema/problem.ts';
import { validateAclEntryInto } from '../schema/validate-acl.ts';
import { validateNodeConfigInto } from '../schema/validate-node-config.ts';
import { validateJsonFileInto } from '../schema/validate-json.ts';
import { fileProblems, syntaxProblem } from './file-problems.ts';
import { SectionModel } from './section-model.ts';

/** `problems`: at most MAX_PROBLEMS_PER_FILE, in document order; `overflow`: those left out. */
export type ParsedFile = (
  | { family: 'section-config'; kind: FileKind; ast: SectionConfigAst }
  | { family: 'acl'; kind: FileKind; ast: AclAst }
  | { family: 'key-value'; kind: FileKind; ast: KeyValueAst }
  | { family: 'json'; kind: FileKind }
) & { problems: Problem[]; overflow?: Overflow };

/**
 * The parsed state of one document, updated version by version. Holds the blocks of the last
 * version only, so memory stays proportional to the document.
 */
export class FileModel {
  private sections: SectionModel | undefined;
  private current: ParsedFile | undefined;

  constructor(readonly kind: FileKind) {}

  private versions = 0;

  get parsed(): ParsedFile | undefined {
    return this.current;
  }

  /** More than one version was parsed: the document is being edited. */
  get edited(): boolean {
    return this.versions > 1;
  }

  update(text: string): ParsedFile {
    this.versions++;
    this.current = this.parse(text);
    return this.current;
  }

  private parse(text: string): ParsedFile {
    const kind = this.kind;
    switch (kind.family) {
      case 'section-config':
        return this.parseSections(text);
      case 'acl': {
        const ast = parseAcl(text);
        const checks = new CappedList<Problem>(MAX_PROBLEMS_PER_FILE);
        for (const e of ast.entries) {
          if (checks.full) break;
          validateAclEntryInto(e, checks);
        }
        return { family: 'acl', kind, ast, ...fileProblems(ast.problems.map(syntaxProblem), ast.overflow, checks) };
      }
      case 'key-value': {
        const ast = parseNodeConfig(text);
        const checks = new CappedList<Problem>(MAX_PROBLEMS_PER_FILE);
        validateNodeConfigInto(ast, checks);
        return { family: 'key-value', kind, ast, ...fileProblems(ast.problems.map(syntaxProblem), ast.overflow, checks) };
      }
      case 'json': {
        const checks = new CappedList<Problem>(MAX_PROBLEMS_PER_FILE);
        validateJsonFileInto(kind.name, text, checks);
        return { family: 'json', kind, ...fileProblems([], undefined, checks) };
      }
    }
  }

  private parseSections(text: string): ParsedFile {
    const { ast, problems, overflow } = (this.sections ??= new SectionModel(this.kind.name)).update(text);
    return overflow ? { family: 'section-config', kind: this.kind, ast, problems, overflow } : { family: 'section-config', kind: this.kind, ast, problems };
  }
}
