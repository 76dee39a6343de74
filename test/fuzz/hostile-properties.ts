// The properties the engine must hold on hostile input (issue 12), over corpus files with separator
// floods, deep JSON nesting, escape bytes and very long lines (hostile-mutations.ts): diagnose
// finishes quickly, its problems grow with the lines of a file, never with its characters (a
// per-value and a per-file cap, grammar/limits.ts), every range stays inside the document, and no
// message carries a raw control character.
import fc from 'fast-check';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { MAX_PROBLEMS_PER_FILE, MAX_PROBLEMS_PER_VALUE } from '../../grammar/limits.ts';
import { diagnose } from '../../service/diagnostics.ts';
import { formatFile } from '../../service/formatting.ts';
import { hoverAt } from '../../service/hover.ts';
import { LineIndex } from '../../service/line-index.ts';
import { documentSymbols, foldingRanges } from '../../service/symbols.ts';
import { Workspace, type WorkspaceFile } from '../../service/workspace.ts';
import { SEEDS } from './corpus.ts';
import { assertRangesInside, named, type NamedProperty } from './engine-properties.ts';
import { hostileFile, type HostileFile } from './hostile-mutations.ts';

/** One workspace holding every seed file (references across files are checked too). */
const WORKSPACE = new Workspace();
for (const s of SEEDS) WORKSPACE.set(`/hostile/${s.name}`, s.kind, s.text);

function withFile<T>(f: HostileFile, run: (file: WorkspaceFile, ws: Workspace) => T): T {
  const path = `/hostile/${f.seed.name}`;
  try {
    return run(WORKSPACE.set(path, f.seed.kind, f.text), WORKSPACE);
  } finally {
    WORKSPACE.set(path, f.seed.kind, f.seed.text);
  }
}

/**
 * Problems one line can hold at most: its value's share twice (reading it, then the schema's
 * verdicts, each with a closing problem), its references' share, and a few about the line itself
 * (syntax, unknown or repeated key, deprecation, the section header's).
 */
const PER_LINE = 3 * (MAX_PROBLEMS_PER_VALUE + 1) + 6;

const RAW_CONTROL = /[\x00-\x1f\x7f-\x9f]/;

/** Budget for reading and checking one hostile file of up to a few megabytes. */
const BUDGET_MS = 3000;

export const HOSTILE_PROPERTIES: NamedProperty[] = [
  named(
    'on floods, deep nesting, escape bytes and long lines: diagnose is quick, grows with lines not characters, and shows no raw control character',
    1,
    fc.property(hostileFile, (f) => {
      const lines = f.text.split('\n').length;
      const t0 = performance.now();
      withFile(f, (file, ws) => {
        const diags = diagnose(file, ws, new LineIndex(f.text));
        const ms = performance.now() - t0;
        assert.ok(ms < BUDGET_MS, `${f.text.length} characters of ${f.seed.kind.name} took ${ms.toFixed(0)} ms`);
        assert.ok(diags.length <= MAX_PROBLEMS_PER_FILE + 1, `${diags.length} diagnostics, above the per-file cap`);
        assert.ok(diags.length <= PER_LINE * lines, `${diags.length} diagnostics for ${lines} lines (${f.text.length} characters)`);
        assertRangesInside(f.text, diags);
        for (const d of diags) {
          assert.doesNotMatch(d.message, RAW_CONTROL, `${String(d.code)}: ${JSON.stringify(d.message.slice(0, 200))}`);
          assert.ok(d.message.length <= 2000, `${String(d.code)}: a message of ${d.message.length} characters`);
        }
      });
    }),
  ),
  named(
    'on floods, deep nesting, escape bytes and long lines: symbols, folding, formatting and hover never throw',
    1,
    fc.property(hostileFile, fc.nat(), (f, at) =>
      withFile(f, (file, ws) => {
        documentSymbols(file);
        foldingRanges(file);
        formatFile(file);
        for (const o of [0, at % (f.text.length + 1), f.text.length]) hoverAt(file, ws, o, { markdown: true, timeZone: 'UTC' });
      }),
    ),
  ),
];
