// `npm run test:conformance [-- --files N] [-- --seed S] [-- --jobs J] [-- --no-write] [-- --out DIR]`
//
// Differential conformance against PBS's own parser: N mutated files (default 20000, spread over
// the 15 section-config kinds PBS's reference build covers; test/fuzz/pbs-mutations.ts) go through
// `pbs-verdict KIND FILE` (PBS's SectionConfig parser and the typed load of every section, from a
// PBS reference build kept outside this repository; path in $PBS_VERDICT) and through our engine
// in-process (each file alone, so references into other files are not checked). Reported:
//   - verdict agreement: PBS refuses the file ⇔ we report at least one error (errors about what
//     PBS only meets when it uses an object — a reference, a value parsed at use — do not count:
//     the oracle loads files, it does not use them; they are listed as beyond PBS);
//   - line agreement: where PBS names a line (it stops at its first problem), one of our errors is
//     on that line (a missing required property counts on its section's header);
//   - section agreement: where PBS's typed load names a section, one of our errors is in it;
//   - beyond PBS: warnings and information on files PBS accepts, by rule (counted apart);
// and every disagreement, grouped by family with one minimized example. The figures go into
// bench/RESULTS.md between the conformance markers (--no-write: not). Not part of `npm test`.
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileKindByName } from '../schema/file-kinds.ts';
import type { Problem } from '../schema/problem.ts';
import { problemsOf } from '../service/diagnostics.ts';
import { invalidUtf8Problem } from '../service/encoding.ts';
import { Workspace } from '../service/workspace.ts';
import { COVERED_KINDS, conformanceCase, type ConformanceCase } from '../test/fuzz/pbs-mutations.ts';
import { Rng } from '../test/fuzz/pbs-values.ts';

const DEFAULT_ORACLE = '/work/pbs-reference-tool/target/debug/pbs-verdict';
const BEGIN = '<!-- conformance:begin (written by npm run test:conformance) -->';
const BLOCK = /<!-- conformance:begin[\s\S]*?<!-- conformance:end -->/;

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  if (i < 0) return fallback;
  const n = Number(process.argv[i + 1]);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${name} needs a whole number, got '${process.argv[i + 1]}'`);
  return n;
}
const stringOption = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
};

interface Verdict {
  ok: boolean;
  stage: string;
  message: string | null;
  line: number | null;
  section?: string;
}

interface Judgement {
  /** Empty when PBS and we agree on everything this run compares. */
  families: string[];
  verdictAgrees: boolean;
  /** undefined: PBS named no line, or we refuse nothing (the verdict already disagrees). */
  lineAgrees?: boolean;
  sectionAgrees?: boolean;
  beyond: string[];
  pbs: Verdict;
  ours: Problem[];
  text: string;
}

// ---------------------------------------------------------------------------------------------
// The two sides

function parseVerdict(stdout: string): Verdict {
  try {
    return JSON.parse(stdout.trim().split('\n').pop() ?? '') as Verdict;
  } catch {
    return { ok: false, stage: 'oracle-crash', message: stdout.slice(0, 200), line: null };
  }
}

function verdictAsync(oracle: string, kind: string, file: string): Promise<Verdict> {
  return new Promise((resolve) => {
    execFile(oracle, [kind, file], { encoding: 'utf8' }, (_err, stdout) => resolve(parseVerdict(stdout)));
  });
}

function verdictSync(oracle: string, kind: string, file: string): Verdict {
  return parseVerdict(spawnSync(oracle, [kind, file], { encoding: 'utf8' }).stdout);
}

/** Our problems for the file alone, as `pbs-tools lint` reads it (bytes decoded, UTF-8 checked). */
function ourProblems(kind: string, bytes: Buffer): { problems: Problem[]; text: string } {
  const text = bytes.toString('utf8');
  const ws = new Workspace();
  const file = ws.set(`/conformance/${kind}`, fileKindByName(kind)!, text);
  const problems = problemsOf(file, ws);
  const utf8 = invalidUtf8Problem(bytes, text);
  return { problems: utf8 ? [utf8, ...problems] : problems, text };
}

// ---------------------------------------------------------------------------------------------
// Comparing

/** PBS's message without its file, line and the values in it: one family per rule. */
function normalized(message: string | null): string {
  return (message ?? '')
    .replace(/^parsing "[^"]*" failed: line \d+ - /, '')
    .replace(/'[^']*'/g, "'…'")
    .replace(/"[^"]*"/g, '"…"')
    .replace(/`[^`]*`/g, '`…`')
    .replace(/ at '?[^ ]*'? - Nom\(\w+\)/, ' - Nom(…)')
    .replace(/\b\d+\b/g, 'N')
    .slice(0, 140);
}

function ruleOf(p: Problem): string {
  const d = p.data ?? {};
  const where = [d.property, d.member].filter((x) => typeof x === 'string').join('.');
  const rule = typeof d.rule === 'string' ? `:${d.rule}` : '';
  return where ? `${p.code}${rule} (${where})` : `${p.code}${rule}`;
}

/**
 * Errors about what PBS checks only when it uses the object (a job runs, a datastore is opened, a
 * referenced object is looked up), not when it loads the file: beyond what the oracle sees.
 */
function atUse(p: Problem): boolean {
  return p.code === 'unresolved-reference' || /reads the (?:file|line) but fails when it uses|PBS accepts the file, but/.test(p.message);
}

function judge(pbs: Verdict, ours: Problem[], text: string): Judgement {
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const lineOf = (offset: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const errors = ours.filter((p) => p.severity === 'error' && !atUse(p));
  const refuses = !pbs.ok;
  const verdictAgrees = refuses === errors.length > 0;
  const families: string[] = [];
  const j: Judgement = { families, verdictAgrees, beyond: [], pbs, ours, text };
  if (!verdictAgrees) {
    families.push(refuses ? `PBS refuses (${pbs.stage}), we accept: ${normalized(pbs.message)}` : `we refuse, PBS accepts: ${ruleOf(errors[0]!)}`);
  } else if (refuses && pbs.line !== null) {
    const lines = new Set<number>();
    for (const p of errors) for (let l = lineOf(p.start); l <= lineOf(Math.max(p.start, p.end - 1)); l++) lines.add(l);
    let ok = lines.has(pbs.line);
    if (!ok && /is missing and it is not optional/.test(pbs.message ?? '')) {
      // PBS names the line that ended the section; we flag its header
      const all = text.split('\n');
      for (let l = Math.min(pbs.line, all.length); l >= 1; l--) {
        if (/^\p{Alphabetic}[^:]*:/u.test(all[l - 1]!)) {
          ok = lines.has(l);
          break;
        }
      }
    }
    j.lineAgrees = ok;
    if (!ok) families.push(`PBS stops at a line where we report no error: ${normalized(pbs.message)}`);
  } else if (refuses && pbs.stage === 'typed' && pbs.section !== undefined) {
    // the section is the last one with that id (PBS keeps the last of duplicate ids)
    const headers = [...text.matchAll(/^(\p{Alphabetic}[^:\n]*):[^\S\n]*(.*?)\s*$/gmu)].filter((m) => m[2] === pbs.section);
    const at = headers.length > 0 ? headers[headers.length - 1]!.index! : -1;
    const end = at < 0 ? -1 : text.indexOf('\n\n', at) < 0 ? text.length : text.indexOf('\n\n', at);
    j.sectionAgrees = at >= 0 && errors.some((p) => p.start >= at && p.start <= end);
    if (!j.sectionAgrees) families.push(`PBS cannot load another section (typed): ${normalized(pbs.message)}`);
  }
  if (pbs.ok) j.beyond = ours.filter((p) => p.severity !== 'error' || atUse(p)).map((p) => `${p.severity === 'error' ? 'error at use' : p.severity} ${ruleOf(p)}`);
  return j;
}

// ---------------------------------------------------------------------------------------------
// Minimizing an example: drop lines while the file stays in the same family

function minimize(oracle: string, dir: string, kind: string, text: string, family: string): { text: string; j: Judgement } {
  const file = join(dir, 'minimize.cfg');
  const run = (t: string): Judgement => {
    const bytes = Buffer.from(t, 'utf8');
    writeFileSync(file, bytes);
    const ours = ourProblems(kind, bytes);
    return judge(verdictSync(oracle, kind, file), ours.problems, ours.text);
  };
  let best = run(text);
  let budget = 300;
  // whole sections first (a section's lines can only go together), then single lines
  let blocks = text.split(/\n(?=\n)/);
  for (let i = blocks.length - 1; i >= 0 && blocks.length > 1 && budget > 0; i--) {
    const next = blocks.slice(0, i).concat(blocks.slice(i + 1));
    budget--;
    const j = run(next.join('\n').replace(/^\n+/, ''));
    if (j.families.includes(family)) {
      blocks = next;
      best = j;
    }
  }
  let lines = blocks.join('\n').replace(/^\n+/, '').split('\n');
  for (let changed = true; changed && budget > 0; ) {
    changed = false;
    for (let i = lines.length - 1; i >= 0 && budget > 0; i--) {
      const next = lines.slice(0, i).concat(lines.slice(i + 1));
      budget--;
      const j = run(next.join('\n'));
      if (j.families.includes(family)) {
        lines = next;
        best = j;
        changed = true;
      }
    }
  }
  return { text: lines.join('\n'), j: best };
}

// ---------------------------------------------------------------------------------------------
// The run

interface KindRow {
  files: number;
  pbsRefuses: number;
  weRefuse: number;
  verdictAgree: number;
  pbsLines: number;
  lineAgree: number;
  pbsSections: number;
  sectionAgree: number;
  beyond: number;
}

async function main(): Promise<void> {
  const oracle = process.env.PBS_VERDICT ?? DEFAULT_ORACLE;
  if (!existsSync(oracle)) {
    console.log(
      `pbs-verdict not found at ${oracle}.\n` +
        "It is a PBS reference build: a small Rust program linked against PBS's own crates (proxmox-section-config, " +
        'proxmox-schema, pbs-api-types with `enum-fallback`) that prints PBS\'s verdict on one file as a JSON line ' +
        '(`pbs-verdict KIND FILE`). It is kept outside this repository; ask the maintainers for one, build it, and set ' +
        'PBS_VERDICT to its path.\nskipped: no oracle',
    );
    return;
  }
  const total = option('--files', 20_000);
  const seed = option('--seed', 20261213);
  const jobs = Math.max(1, option('--jobs', 2));
  const outDir = stringOption('--out');
  const dir = mkdtempSync(join(tmpdir(), 'pbs-conformance-'));
  const t0 = performance.now();
  const rng = new Rng(seed);
  const cases: ConformanceCase[] = [];
  for (let i = 0; i < total; i++) cases.push(conformanceCase(rng, COVERED_KINDS[i % COVERED_KINDS.length]!));
  const tGen = performance.now();

  const rows = new Map<string, KindRow>(COVERED_KINDS.map((k) => [k, { files: 0, pbsRefuses: 0, weRefuse: 0, verdictAgree: 0, pbsLines: 0, lineAgree: 0, pbsSections: 0, sectionAgree: 0, beyond: 0 }]));
  const families = new Map<string, { count: number; kinds: Set<string>; example: ConformanceCase; text: string }>();
  const beyond = new Map<string, number>();
  let oracleMs = 0;
  let engineMs = 0;
  let next = 0;
  let done = 0;
  const worker = async (w: number): Promise<void> => {
    const file = join(dir, `w${w}.cfg`);
    while (next < cases.length) {
      const c = cases[next++]!;
      writeFileSync(file, c.bytes);
      const a = performance.now();
      const pbs = await verdictAsync(oracle, c.kind, file);
      const b = performance.now();
      const ours = ourProblems(c.kind, c.bytes);
      engineMs += performance.now() - b;
      oracleMs += b - a;
      const j = judge(pbs, ours.problems, ours.text);
      const row = rows.get(c.kind)!;
      row.files++;
      if (!pbs.ok) row.pbsRefuses++;
      if (ours.problems.some((p) => p.severity === 'error' && !atUse(p))) row.weRefuse++;
      if (j.verdictAgrees) row.verdictAgree++;
      if (j.lineAgrees !== undefined) {
        row.pbsLines++;
        if (j.lineAgrees) row.lineAgree++;
      }
      if (j.sectionAgrees !== undefined) {
        row.pbsSections++;
        if (j.sectionAgrees) row.sectionAgree++;
      }
      if (j.beyond.length > 0) row.beyond++;
      for (const r of new Set(j.beyond)) beyond.set(r, (beyond.get(r) ?? 0) + 1);
      for (const f of j.families) {
        const e = families.get(f);
        if (!e) families.set(f, { count: 1, kinds: new Set([c.kind]), example: c, text: ours.text });
        else {
          e.count++;
          e.kinds.add(c.kind);
          if (c.bytes.length < e.example.bytes.length) Object.assign(e, { example: c, text: ours.text });
        }
      }
      if (++done % 2000 === 0) process.stderr.write(`conformance: ${done}/${cases.length}\n`);
    }
  };
  await Promise.all(Array.from({ length: jobs }, (_, w) => worker(w)));
  const seconds = (performance.now() - t0) / 1000;

  // ---- report
  const pct = (a: number, b: number): string => (b === 0 ? '–' : `${((100 * a) / b).toFixed(2)} %`);
  const sum = (f: (r: KindRow) => number): number => [...rows.values()].reduce((s, r) => s + f(r), 0);
  const table = [
    '| kind | files | PBS refuses | we refuse (errors at load) | verdict agreement | PBS names a line | line agreement | PBS names a section | section agreement | files with beyond-PBS findings |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...[...rows].map(
      ([k, r]) =>
        `| ${k} | ${r.files} | ${r.pbsRefuses} | ${r.weRefuse} | ${pct(r.verdictAgree, r.files)} | ${r.pbsLines} | ${pct(r.lineAgree, r.pbsLines)} | ${r.pbsSections} | ${pct(r.sectionAgree, r.pbsSections)} | ${r.beyond} |`,
    ),
    `| **all** | ${sum((r) => r.files)} | ${sum((r) => r.pbsRefuses)} | ${sum((r) => r.weRefuse)} | ${pct(sum((r) => r.verdictAgree), sum((r) => r.files))} | ${sum((r) => r.pbsLines)} | ${pct(sum((r) => r.lineAgree), sum((r) => r.pbsLines))} | ${sum((r) => r.pbsSections)} | ${pct(sum((r) => r.sectionAgree), sum((r) => r.pbsSections))} | ${sum((r) => r.beyond)} |`,
  ];
  const byCount = [...families].sort((a, b) => b[1].count - a[1].count);
  const beyondRows = [...beyond].sort((a, b) => b[1] - a[1]);
  console.log(`\nConformance: ${cases.length} files, seed ${seed}, ${jobs} oracle jobs, ${seconds.toFixed(1)} s ` +
    `(generation ${((tGen - t0) / 1000).toFixed(1)} s, oracle ${(oracleMs / 1000 / jobs).toFixed(1)} s per job, our engine ${(engineMs / 1000).toFixed(1)} s)\n`);
  console.log(table.join('\n'));
  console.log(`\nDisagreements: ${byCount.length} families\n`);
  if (outDir) mkdirSync(outDir, { recursive: true });
  byCount.forEach(([family, e], i) => {
    const min = e.example.bytes.toString('utf8') === e.text ? minimize(oracle, dir, e.example.kind, e.text, family) : undefined;
    const shown = min?.text ?? e.text;
    const j = min?.j;
    console.log(`${String(e.count).padStart(6)}  ${family}  [${[...e.kinds].join(', ')}]`);
    console.log(`        ${e.example.kind} (${e.example.seed}; ${e.example.ops.join(', ')}): ${JSON.stringify(shown).slice(0, 600)}`);
    if (j) {
      console.log(`        PBS: ${j.pbs.ok ? 'accepts' : `${j.pbs.stage} line ${j.pbs.line}: ${j.pbs.message}`}`);
      for (const p of j.ours.filter((q) => q.severity === 'error').slice(0, 3)) console.log(`        ours: ${p.code} at ${JSON.stringify(j.text.slice(p.start, p.end)).slice(0, 60)}: ${p.message.slice(0, 160)}`);
    }
    if (outDir) writeFileSync(join(outDir, `${String(i + 1).padStart(3, '0')}-${e.example.kind.replace('/', '-')}`), min ? Buffer.from(min.text) : e.example.bytes);
  });
  console.log('\nBeyond PBS (warnings, information and errors at use on files PBS accepts), files per rule:');
  for (const [r, n] of beyondRows) console.log(`${String(n).padStart(6)}  ${r}`);
  rmSync(dir, { recursive: true, force: true });

  if (!process.argv.includes('--no-write')) {
    const block = [
      BEGIN,
      '## Conformance with PBS\'s parser (pbs-verdict)',
      '',
      `${cases.length} mutated files, seed ${seed}, on ${new Date().toISOString().slice(0, 10)}, in ${seconds.toFixed(0)} s (${jobs} oracle jobs). ` +
        'PBS\'s verdict: proxmox-section-config parse + typed load (pbs-api-types 1.0.18, enum-fallback); ours: each file alone (no cross-file references). ' +
        'Verdict agreement: PBS refuses ⇔ we report an error (errors PBS only meets when it uses an object are listed as beyond PBS). ' +
        'Line agreement: one of our errors is on the line PBS names (a missing property: on its section header). ' +
        'Section agreement: one of our errors is in the section PBS cannot load.',
      '',
      ...table,
      '',
      `Disagreements: ${byCount.length} families${byCount.length ? '' : '.'}`,
      ...byCount.map(([f, e]) => `- ${e.count} × ${f.replace(/\|/g, '\\|')} (${[...e.kinds].join(', ')})`),
      '',
      'Beyond PBS (files PBS accepts where we warn, inform, or report an error PBS meets only at use), files per rule:',
      '',
      '| rule | files |',
      '|---|---|',
      ...beyondRows.map(([r, n]) => `| ${r} | ${n} |`),
      '<!-- conformance:end -->',
    ].join('\n');
    const target = new URL('../bench/RESULTS.md', import.meta.url);
    const current = existsSync(target) ? readFileSync(target, 'utf8') : '# Benchmark results\n';
    writeFileSync(target, BLOCK.test(current) ? current.replace(BLOCK, () => block) : `${current.trimEnd()}\n\n${block}\n`);
  }
}

await main();
