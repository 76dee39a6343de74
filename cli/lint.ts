// `pbs-tools lint [--format text|json|sarif] [--kind KIND] PATH...` — exit 0 without errors,
// 1 with errors, 2 on usage or I/O errors (DESIGN.md contract).
import { diagnose, LineIndex, toDiagnostic, unreadableFileProblem, Workspace } from '../service/index.ts';
import { CliError, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliIo, type Subcommand } from './io.ts';
import { collectTargets } from './lint-files.ts';
import { quoted } from '../core/control-chars.ts';
import { readTree } from './read-tree.ts';
import { parseCommandArgs } from './args.ts';
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

A file that is not a regular file (a FIFO, a device), or is too big, is not read: it is reported
as an unreadable-file finding at its line 1. Names near a PBS file's (datastores.cfg) that a
directory walk skipped are named in a note on stderr.

Exit status: 0 no errors, 1 errors found, 2 usage or I/O error (also: a file could not be read,
or no PBS file was found in the PATHs).
`;

const SEVERITY_NAME = ['error', 'error', 'warning', 'information', 'hint'] as const;

/** A finding about a whole file that was not linted (at 1:1, code unreadable-file). */
function unreadable(display: string, reason: string): LintFinding {
  const p = unreadableFileProblem(reason);
  return { file: display, line: 1, column: 1, endLine: 1, endColumn: 1, severity: p.severity, code: p.code, message: p.message };
}

export const run: Subcommand = async (args: string[], io: CliIo) => {
  const parsed = parseCommandArgs(args, { format: { type: 'string', default: 'text' }, kind: { type: 'string' } }, USAGE, io, 'lint');
  if (!parsed) return EXIT_OK;
  const format = parsed.values.format ?? 'text';
  if (!['text', 'json', 'sarif'].includes(format)) throw new CliError(`unknown --format '${format}'; use text, json or sarif`, EXIT_USAGE);
  if (parsed.positionals.length === 0) throw new CliError(`no PATH given\n\n${USAGE}`, EXIT_USAGE);

  // Usage and path errors end here, before any output: stdout stays empty whatever the format.
  const { targets, notes, incomplete } = collectTargets(parsed.positionals, io.cwd, parsed.values.kind);
  for (const note of notes) io.stderr.write(`pbs-tools lint: note: ${note}\n`);
  if (targets.length === 0) {
    throw new CliError(
      `no PBS configuration files found in ${parsed.positionals.map(quoted).join(', ')}: ` +
        'files are recognized by name (datastore.cfg, sync.cfg, acme/plugins.cfg, …); give a file with --kind to read it as one',
      EXIT_USAGE,
    );
  }
  const { files, loaded, skipped } = await readTree(targets);
  const workspace = Workspace.of(files);
  const findings: LintFinding[] = skipped.map((s) =>
    s.why === 'unreadable'
      ? unreadable(s.display, s.reason)
      : {
          file: s.display, line: 1, column: 1, endLine: 1, endColumn: 1, severity: 'error', code: 'unknown-file-kind',
          message: `cannot tell which PBS file '${s.display}' is: name it like the PBS file (datastore.cfg, sync.cfg, …) or pass --kind`,
        },
  );
  const notRead = skipped.filter((s) => s.why === 'unreadable');
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
  // A file or directory that could not be read is an I/O error (exit 2), whatever else was found.
  if (notRead.length > 0 || incomplete) {
    io.stderr.write(`pbs-tools lint: ${notRead.length > 0 ? `${notRead.length} of ${targets.length} files could not be read (see the unreadable-file findings)` : 'a directory could not be read'}; the check is incomplete\n`);
    return EXIT_USAGE;
  }
  return findings.some((f) => f.severity === 'error') ? EXIT_FAILURE : EXIT_OK;
};
