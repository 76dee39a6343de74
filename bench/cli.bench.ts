// Whole-process `pbs-tools lint`, as a user or a CI job runs it, next to anchors run the same way
// in the same loop: start-up with a real configuration tree against `node -e 0` (the floor of
// any Node program), and a big file against a whole-process regex line splitter of that file.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { busyCpu, cliPath, interleaved, median, type Bench, type BenchRow, type BenchSection } from './harness.ts';
import { regexSectionParse, userCfg } from './synthetic.ts';

const TREE = fileURLToPath(new URL('../examples/etc-proxmox-backup', import.meta.url));
const SECTIONS = 50_000;
/** The same kind of file twice as big: what a section costs once the process is started and warm. */
const SECTIONS_TWICE = 2 * SECTIONS;

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
  const twiceWork = fileURLToPath(new URL('.work/user-100k/', import.meta.url));
  mkdirSync(twiceWork, { recursive: true });
  const twiceFile = `${twiceWork}user.cfg`;
  const twiceText = userCfg(SECTIONS_TWICE);
  writeFileSync(twiceFile, twiceText);
  const splitter = `const f = ${regexSectionParse.toString()};\nif (f(require('node:fs').readFileSync(process.argv[1], 'utf8')) !== +process.argv[2]) process.exit(3);`;
  const bigRuns = quick ? 5 : 9;
  const bigTools = [
    node,
    { name: 'regex', args: ['-e', splitter, file, String(SECTIONS)] },
    { name: 'lint', args: [cli, 'lint', file] },
    { name: 'regex-twice', args: ['-e', splitter, twiceFile, String(SECTIONS_TWICE)] },
    { name: 'lint-twice', args: [cli, 'lint', twiceFile] },
  ];
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
    rmSync(twiceFile, { force: true });
  }
  const mb = Buffer.byteLength(text) / 1e6;
  const twiceMb = Buffer.byteLength(twiceText) / 1e6;
  // What the first file's figure is made of: the same work on twice the sections, and the cost of
  // the second half alone (the difference of the two runs), where start-up and warm-up are paid.
  const twiceRows = (times: Map<string, number[]>, load: string): BenchRow[] => {
    const ms = (name: string) => median(times.get(name)!);
    const rate = (name: string) => twiceMb / (ms(name) / 1000);
    const extraRate = (tool: string) => (twiceMb - mb) / ((ms(`${tool}-twice`) - ms(tool)) / 1000);
    return [
      {
        name: `pbs-tools lint user.cfg, ${SECTIONS_TWICE / 1000}k sections (${twiceMb.toFixed(1)} MB)${load}`,
        value: rate('lint-twice'),
        unit: 'MB/s',
        anchor: { name: 'regex line splitter of the file (node, whole process)', value: rate('regex-twice') },
        ratio: rate('lint-twice') / rate('regex-twice'),
        regressionChecked: false,
      },
      {
        name: `… the second ${SECTIONS / 1000}k sections alone (${SECTIONS_TWICE / 1000}k run − ${SECTIONS / 1000}k run)${load}`,
        value: extraRate('lint'),
        unit: 'MB/s',
        anchor: { name: 'the same for the regex line splitter', value: extraRate('regex') },
        ratio: extraRate('lint') / extraRate('regex'),
        regressionChecked: false,
      },
    ];
  };
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
    ...twiceRows(big, ''),
    ...twiceRows(bigBusy, ', one core busy'),
    { name: 'node -e 0 (start-up floor of any Node CLI), same loop', value: median(big.get('node')!), unit: 'ms' },
  );
  return {
    title: 'Command line: whole-process lint',
    rows,
    notes: [
      `Wall time of whole processes, interleaved round by round after one warm-up each, medians of ${startRuns} (the tree) and ${bigRuns} (user.cfg), with both cores free and again with a shell loop on CPU 1; Node without NODE_EXTRA_CA_CERTS. In this run the lint of the tree took ${lintMs.toFixed(0)} ms against ${nodeMs.toFixed(0)} ms for node -e 0, ` +
        `the ${mb.toFixed(1)} MB user.cfg ${median(big.get('lint')!).toFixed(0)} ms against ${median(big.get('regex')!).toFixed(0)} ms for the splitter, ` +
        `the ${twiceMb.toFixed(1)} MB one ${median(big.get('lint-twice')!).toFixed(0)} ms against ${median(big.get('regex-twice')!).toFixed(0)} ms.`,
      `What P1's figure is made of (both cores free): the second ${SECTIONS / 1000}k sections took the lint ${(median(big.get('lint-twice')!) - median(big.get('lint')!)).toFixed(0)} ms and the splitter ${(median(big.get('regex-twice')!) - median(big.get('regex')!)).toFixed(0)} ms; ` +
        `what the first ${SECTIONS / 1000}k took beyond that (start-up, and V8's warm-up of the code: a cold pass runs in the interpreter and baseline code until the optimized code is compiled) was ${(2 * median(big.get('lint')!) - median(big.get('lint-twice')!)).toFixed(0)} ms for the lint and ${(2 * median(big.get('regex')!) - median(big.get('regex-twice')!)).toFixed(0)} ms for the splitter (node -e 0: ${median(big.get('node')!).toFixed(0)} ms).`,
      'The built CLI loads no ajv compiler: every schema validator is precompiled at build time (schema/ajv-standalone.ts) and a kind\'s validators are made the first time a file of that kind is checked.',
    ],
  };
}

const bench: Bench = () => measure(false);
/** `npm run bench:check`: fewer rounds. */
export const check: Bench = () => measure(true);
export default bench;
