// The three output formats of `pbs-tools lint` (DESIGN.md contract): text lines
// `file:line:col: severity code message`, a JSON array, and SARIF 2.1.0 for code-scanning UIs.
import type { Severity } from '../service/light.ts';
import { VERSION } from '../core/version.ts';
import { escapeControls } from '../core/control-chars.ts';

export interface LintFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  code: string;
  message: string;
}

/** One line per finding: the file name and message escaped, so neither can break or forge a line. */
export function formatText(findings: LintFinding[]): string {
  return findings.map((f) => `${escapeControls(f.file)}:${f.line}:${f.column}: ${f.severity} ${f.code} ${escapeControls(f.message)}\n`).join('');
}

export function formatJson(findings: LintFinding[]): string {
  return JSON.stringify(findings, null, 2) + '\n';
}

const SARIF_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

export function formatSarif(findings: LintFinding[]): string {
  const ruleIds = [...new Set(findings.map((f) => f.code))].sort();
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'pbs-tools',
            version: VERSION,
            informationUri: 'https://github.com/pbs-tools/pbs-tools',
            rules: ruleIds.map((id) => ({ id, name: id, shortDescription: { text: `PBS configuration: ${id}` } })),
          },
        },
        results: findings.map((f) => ({
          ruleId: f.code,
          ruleIndex: ruleIds.indexOf(f.code),
          level: SARIF_LEVEL[f.severity],
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: f.file.split('\\').join('/') },
                region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
              },
            },
          ],
        })),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

export function summary(findings: LintFinding[], files: number): string {
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  return `${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ` +
    `${count('information') + count('hint')} info/hints in ${plural(files, 'file')}\n`;
}
