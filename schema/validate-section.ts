// One section of a section-config file against its kind's schema, the way
// proxmox-section-config reads it (formats.md §1.1), plus what PBS only finds when it loads or
// uses the section (§9): unknown type, bad id, unknown/repeated/missing keys, values.
import type { ValidateFunction } from 'ajv';
import type { SectionNode } from '../grammar/ast.ts';
import { sectionIdValidator, sectionValidator } from './ajv.ts';
import { FORMATS, FORMAT_LABELS } from './formats/index.ts';
import type { Problem, ProblemSink } from './problem.ts';
import { kindSchema, sectionSchema, sectionTypes, type PbsSchema } from './registry.ts';
import { didYouMean, suggest } from './suggest.ts';
import { CleanLinesCheck, cleanValueCheck } from './typed-properties/clean-check.ts';
import { objectPlan, validateProperties, type Context, type ObjectPlan } from './typed-properties/index.ts';

/** A section type ready for validation: its property plan, its fast path and its id validator (both made on first use). */
interface SectionEntry {
  plan: ObjectPlan;
  schema: PbsSchema;
  clean: CleanLinesCheck | null | undefined;
  /** The fast path of the header id (null: none for this schema). */
  cleanId: ((id: string) => boolean) | null | undefined;
  kind: string;
  type: string;
  id: ValidateFunction | null | undefined;
}

const entries = new Map<string, Map<string, SectionEntry | null>>();

function sectionEntry(kind: string, type: string): SectionEntry | null {
  let byType = entries.get(kind);
  if (!byType) {
    byType = new Map();
    entries.set(kind, byType);
  }
  let entry = byType.get(type);
  if (entry === undefined) {
    const schema = sectionSchema(kind, type);
    entry = schema
      ? { plan: objectPlan(schema, () => sectionValidator(kind, type), schema['x-pbs-id'], schema['x-pbs-id-property']), schema, clean: undefined, cleanId: undefined, kind, type, id: undefined }
      : null;
    byType.set(type, entry);
  }
  return entry;
}

/** The cached plan of a section type, or null when the kind has no such type. */
export function sectionPlan(kind: string, type: string): ObjectPlan | null {
  return sectionEntry(kind, type)?.plan ?? null;
}

/** Every problem PBS (or its loading of the section) would have with `section` of a `kind` file. */
export function validateSection(kind: string, section: SectionNode): Problem[] {
  const problems: Problem[] = [];
  validateSectionInto(kind, section, problems);
  if (problems.length > 1) problems.sort(byStart);
  return problems;
}

/**
 * The problems of `section` into `problems`, in no particular order; stops early once the sink
 * is `full` (a file's share of problems, grammar/limits.ts).
 */
export function validateSectionInto(kind: string, section: SectionNode, problems: ProblemSink): void {
  const type = section.typeText;
  const entry = sectionEntry(kind, type);
  if (entry === null) {
    if (kindSchema(kind)?.['x-pbs-sections'] === undefined) return;
    const types = sectionTypes(kind);
    const suggestion = suggest(type, types);
    const problem: Problem = {
      start: section.type.start,
      end: section.type.end,
      code: 'unknown-section-type',
      severity: 'error',
      message: `unknown section type '${type}' in ${kind} (known: ${types.join(', ')})${didYouMean(suggestion)}`,
    };
    problem.data = suggestion !== undefined ? { sectionType: type, suggestion } : { sectionType: type };
    problems.push(problem);
    return;
  }

  const id = section.idText;
  if (entry.id === undefined) entry.id = sectionIdValidator(kind, type) ?? null;
  if (entry.cleanId === undefined) entry.cleanId = (entry.plan.idValue && cleanValueCheck(entry.plan.idValue)) ?? null;
  const idValid = entry.id;
  if (idValid !== null && entry.cleanId?.(id) !== true && !idValid(id)) idProblems(type, section, idValid.errors ?? [], problems);

  const crs = section.carriageReturns?.() ?? NO_CRS;
  // Most sections are clean: told so without the typed object and ajv (clean-check.ts).
  if (crs.length === 0) {
    if (entry.clean === undefined) entry.clean = CleanLinesCheck.of(entry.plan, entry.schema);
    if (entry.clean?.accepts(section.lines) === true) return;
  }
  const watched = crs.length > 0 ? new CoveringSink(problems, crs) : undefined;
  const ctx: Context = { problems: watched ?? problems, sectionType: type, sectionId: id };
  const missing = validateProperties(entry.plan, section.lines, ctx, 'section');
  if (watched) loneCarriageReturns(section, watched.uncovered(), problems);
  if (missing.length > 0) {
    problems.push({
      start: section.type.start,
      end: section.id.end > section.type.end ? section.id.end : section.header.end,
      code: 'missing-required',
      severity: 'error',
      message:
        missing.length === 1
          ? `the ${type} section '${id}' lacks the required property '${missing[0]}'; PBS refuses the file (property '${missing[0]}' is missing and it is not optional)`
          : `the ${type} section '${id}' lacks the required properties ${missing.map((m) => `'${m}'`).join(', ')}; PBS refuses the file`,
      data: { missing },
    });
  }
}

const NO_CRS: readonly number[] = [];

/** Passes problems on, noting which of some offsets they cover. */
class CoveringSink implements ProblemSink {
  private readonly covered = new Set<number>();
  constructor(
    private readonly inner: ProblemSink,
    private readonly offsets: readonly number[],
  ) {}
  get full(): boolean {
    return this.inner.full === true;
  }
  push(p: Problem): void {
    for (const o of this.offsets) if (p.start <= o && o < p.end) this.covered.add(o);
    this.inner.push(p);
  }
  leftOut(o: Parameters<NonNullable<ProblemSink['leftOut']>>[0], code: Parameters<NonNullable<ProblemSink['leftOut']>>[1]): void {
    this.inner.leftOut?.(o, code);
  }
  uncovered(): number[] {
    return this.offsets.filter((o) => !this.covered.has(o));
  }
}

/**
 * A lone carriage return inside a property line that no other problem already marks: PBS splits
 * lines at `\n` only (proxmox-section-config `SectionConfig::parse`, `str::lines`), so it reads
 * the text after the CR as part of the line, while an editor shows it on a line of its own.
 */
function loneCarriageReturns(section: SectionNode, offsets: readonly number[], problems: ProblemSink): void {
  if (offsets.length === 0) return;
  const lines = section.lines;
  for (let i = 0, k = 0; i < lines.count && k < offsets.length; i++) {
    const line = lines.line(i);
    for (; k < offsets.length && offsets[k] < line.end; k++) {
      if (offsets[k] < line.start) continue;
      problems.push({
        start: offsets[k],
        end: offsets[k] + 1,
        code: 'suspicious-value',
        severity: 'warning',
        message:
          `a lone carriage return (CR, U+000D) is a line break for editors but not for PBS: PBS reads the text after it as part of ` +
          `the value of '${line.keyText}'. Remove the CR, or make it a real line break.`,
        data: { property: line.keyText },
      });
    }
  }
}

function byStart(a: Problem, b: Problem): number {
  return a.start - b.start || a.end - b.end;
}

function idProblems(type: string, section: SectionNode, errors: { keyword: string; params: Record<string, unknown> }[], problems: ProblemSink): void {
  const id = section.id.text;
  const reasons: string[] = [];
  let parserRefuses = false;
  for (const err of errors) {
    if (err.keyword !== 'format') parserRefuses = true;
    switch (err.keyword) {
      case 'minLength':
        reasons.push(`it must be at least ${String(err.params.limit)} characters long`);
        break;
      case 'maxLength':
        reasons.push(`it may be at most ${String(err.params.limit)} characters long`);
        break;
      case 'format': {
        const format = String(err.params.format);
        const f = FORMATS[format]?.(id);
        if (f?.stage === undefined) parserRefuses = true;
        reasons.push(`it is not a valid ${FORMAT_LABELS[format] ?? format}${f ? ` (${f.reason})` : ''}`);
        break;
      }
      case 'pattern':
        reasons.push(`it does not match ${String(err.params.pattern)}`);
        break;
      default:
        reasons.push(`it fails the rule '${err.keyword}'`);
    }
  }
  const shown = id === '' ? 'an empty id' : `'${id.length > 60 ? `${id.slice(0, 57)}…` : id}'`;
  const empty = section.id.end === section.id.start;
  problems.push({
    start: empty ? section.type.start : section.id.start,
    end: empty ? section.header.end : section.id.end,
    code: 'invalid-section-id',
    severity: 'error',
    message: `${type} id ${shown}: ${reasons.join('; ')}; ${
      parserRefuses ? 'PBS refuses the file (syntax error in section identifier)' : `PBS reads the file but cannot load this ${type}`
    }`,
  });
}
