// Whole-process `pbs-tools lint`, as a user or a CI job runs it, next to anchors run the same way
// in the same loop: start-up with a real configuration tree against `node -e 0` (the floor of
// any Node program), and a big file against a whole-process regex line splitter of that file.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { busyCpu, cliPath, interleaved, median, type Bench, type BenchRow, type BenchSection } from './harness.ts';
import { regexSectionParse, userCfg } from './synthetic.ts';

const TREE = fileURLToPath(new URL('../examples/etc-proxmox-backup', import.meta.url));
const SECTIONS = 50_000;

async function measure(quick: boolean): Promise<BenchSection> {
  const cli = cliPath();
  const rows: BenchRow[] = [];
  const node = { name: 'node', args: ['-e', '0'] };

  // P9: start-up. The lint of the example tree reads, parses and checks 20 small files of 20 kinds.
  // Both cores free, then the other core kept busy (a loaded machine): the target holds on both.
  const startRuns = quick ? 11 : 21;
  const startRow = (load: string) => {
    const start = interleaved([node, { name: 'lint', args: [cli, 'lint', TREE] }], startRuns);
    const nodeMs = median(start.get('node')!);
    const lintMs = median(start.get('lint')!);
    const name = `pbs-tools lint examples/etc-proxmox-backup (20 files)${load}`;
    return { name, value: lintMs, unit: 'ms', anchor: { name: 'node -e 0', value: nodeMs }, ratio: lintMs / nodeMs, target: '≤ 3× node -e 0', met: lintMs / nodeMs <= 3 };
  };
  const free = startRow('');
  const stop = busyCpu('1');
  let busy: BenchRow;
  try {
    busy = { ...startRow(', one core busy'), regressionChecked: false };
  } finally {
    stop();
  }
  const lintMs = free.value;
  const nodeMs = free.anchor.value;
  rows.push(free, busy);

  // P1: a big file. The anchor splits the same file into lines and matches a regex per line
  // (regexSectionParse of synthetic.ts, the in-process floor of engine.bench.ts), in its own process.
  const work = fileURLToPath(new URL('.work/user-50k/', import.meta.url));
  mkdirSync(work, { recursive: true });
  const file = `${work}user.cfg`;
  const text = userCfg(SECTIONS);
  writeFileSync(file, text);
  const splitter = `const f = ${regexSectionParse.toString()};\nif (f(require('node:fs').readFileSync(process.argv[1], 'utf8')) !== ${SECTIONS}) process.exit(3);`;
  const bigRuns = quick ? 5 : 9;
  const bigTools = [node, { name: 'regex', args: ['-e', splitter, file] }, { name: 'lint', args: [cli, 'lint', file] }];
  let big: Map<string, number[]>;
  let bigBusy: Map<string, number[]>;
  try {
    big = interleaved(bigTools, bigRuns);
    const stopBig = busyCpu('1');
    try {
      bigBusy = interleaved(bigTools, bigRuns);
    } finally {
      stopBig();
    }
  } finally {
    rmSync(file, { force: true });
  }
  const mb = Buffer.byteLength(text) / 1e6;
  const bigRow = (times: Map<string, number[]>, load: string): BenchRow => {
    const rate = (name: string) => mb / (median(times.get(name)!) / 1000);
    return {
      name: `pbs-tools lint user.cfg, ${SECTIONS / 1000}k sections (${mb.toFixed(1)} MB)${load}`,
      value: rate('lint'),
      unit: 'MB/s',
      anchor: { name: 'regex line splitter of the file (node, whole process)', value: rate('regex') },
      ratio: rate('lint') / rate('regex'),
      target: '≥ 0.75× splitter',
      met: rate('lint') / rate('regex') >= 0.75,
    };
  };
  rows.push(
    bigRow(big, ''),
    { ...bigRow(bigBusy, ', one core busy'), regressionChecked: false },
    { name: 'node -e 0 (start-up floor of any Node CLI), same loop', value: median(big.get('node')!), unit: 'ms' },
  );
  return {
    title: 'Command line: whole-process lint',
    rows,
    notes: [
      `Wall time of whole processes, interleaved round by round after one warm-up each, medians of ${startRuns} (the tree) and ${bigRuns} (user.cfg), with both cores free and again with a shell loop on CPU 1; Node without NODE_EXTRA_CA_CERTS. In this run the lint of the tree took ${lintMs.toFixed(0)} ms against ${nodeMs.toFixed(0)} ms for node -e 0, ` +
        `the ${mb.toFixed(1)} MB user.cfg ${median(big.get('lint')!).toFixed(0)} ms against ${median(big.get('regex')!).toFixed(0)} ms for the splitter.`,
      'The built CLI loads no ajv compiler: every schema validator is precompiled at build time (schema/ajv-standalone.ts) and a kind\'s validators are made the first time a file of that kind is checked.',
    ],
  };
}

const bench: Bench = () => measure(false);
/** `npm run bench:check`: fewer rounds. */
export const check: Bench = () => measure(true);
export default bench;
