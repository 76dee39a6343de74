// `pbs-tools lint [--format text|json|sarif] [--kind KIND] PATH...` — exit 0 without errors,
// 1 with errors, 2 on usage or I/O errors (DESIGN.md contract).
import { readFileSync } from 'node:fs';
import { diagnose, toDiagnostic } from '../service/diagnostics.ts';
import { invalidUtf8Problem } from '../service/encoding.ts';
import { LineIndex } from '../service/line-index.ts';
import { Workspace } from '../service/workspace.ts';
import { CliError, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliIo, type Subcommand } from './io.ts';
import { collectTargets } from './lint-files.ts';
import { parseCommandArgs } from './args.ts';
import type { Problem } from '../schema/problem.ts';
import { formatJson, formatSarif, formatText, summary, type LintFinding } from './lint-report.ts';

const USAGE = `usage: pbs-tools lint [--format text|json|sarif] [--kind KIND] PATH...

Checks Proxmox Backup Server configuration files the way PBS reads them. PATH is a file or a
directory laid out like /etc/proxmox-backup; files are recognized by name (datastore.cfg,
sync.cfg, acme/plugins.cfg, …) and references are resolved across the files given.

Options:
  --format FORMAT  text (default): file:line:col: severity code message
                   json: an array of {file,line,column,endLine,endColumn,severity,code,message}
                   sarif: SARIF 2.1.0, for code-scanning uploads
  --kind KIND      read every file given as this PBS file (e.g. datastore.cfg for a template)
  -h, --help       show this help

Exit status: 0 no errors, 1 errors found, 2 usage or I/O error.
`;

const SEVERITY_NAME = ['error', 'error', 'warning', 'information', 'hint'] as const;

export const run: Subcommand = async (args: string[], io: CliIo) => {
  const parsed = parseCommandArgs(args, { format: { type: 'string', default: 'text' }, kind: { type: 'string' } }, USAGE, io);
  if (!parsed) return EXIT_OK;
  const format = parsed.values.format ?? 'text';
  if (!['text', 'json', 'sarif'].includes(format)) throw new CliError(`unknown --format '${format}'; use text, json or sarif`, EXIT_USAGE);
  if (parsed.positionals.length === 0) throw new CliError(`no PATH given\n\n${USAGE}`, EXIT_USAGE);

  const targets = collectTargets(parsed.positionals, io.cwd, parsed.values.kind);
  const workspace = new Workspace();
  const findings: LintFinding[] = [];
  const loaded: { display: string; path: string; encoding: Problem | undefined }[] = [];
  for (const t of targets) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(t.absolute);
    } catch (err) {
      throw new CliError(`cannot read '${t.display}': ${(err as NodeJS.ErrnoException).code ?? String(err)}`, EXIT_USAGE);
    }
    if (!t.kind) {
      findings.push({
        file: t.display, line: 1, column: 1, endLine: 1, endColumn: 1, severity: 'error', code: 'unknown-file-kind',
        message: `cannot tell which PBS file '${t.display}' is: name it like the PBS file (datastore.cfg, sync.cfg, …) or pass --kind`,
      });
      continue;
    }
    const text = bytes.toString('utf8');
    workspace.set(t.absolute, t.kind, text);
    loaded.push({ display: t.display, path: t.absolute, encoding: invalidUtf8Problem(bytes, text) });
  }
  for (const { display, path, encoding } of loaded) {
    const file = workspace.get(path)!;
    const lines = new LineIndex(file.text);
    const diagnostics = diagnose(file, workspace, lines);
    if (encoding) diagnostics.unshift(toDiagnostic(encoding, lines));
    for (const d of diagnostics) {
      findings.push({
        file: display,
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        endLine: d.range.end.line + 1,
        endColumn: d.range.end.character + 1,
        severity: SEVERITY_NAME[d.severity ?? 1],
        code: String(d.code),
        message: d.message,
      });
    }
  }
  io.stdout.write(format === 'json' ? formatJson(findings) : format === 'sarif' ? formatSarif(findings) : formatText(findings));
  if (format === 'text') io.stderr.write(summary(findings, targets.length));
  return findings.some((f) => f.severity === 'error') ? EXIT_FAILURE : EXIT_OK;
};
