// `npm start`: what a PBS admin sees — the linter on the broken example tree (typical mistakes),
// then on the clean tree, then a few of the toolbox commands. Exits 0 when both trees give what
// they should (errors in the broken one, nothing in the clean one).
import { spawnSync } from 'node:child_process';

function run(title, args) {
  process.stdout.write(`\n\x1b[1m$ pbs-tools ${args.join(' ')}\x1b[0m   # ${title}\n`);
  const r = spawnSync(process.execPath, ['dist/cli.cjs', ...args], { stdio: 'inherit' });
  return r.status;
}

const broken = run('an /etc/proxmox-backup with typical admin mistakes', ['lint', 'examples/broken']);
const clean = run('a clean PBS 4 configuration', ['lint', 'examples/etc-proxmox-backup']);
run('when does a schedule run?', ['schedule', 'mon..fri 02:30', '-n', '3']);
run('what does a size mean?', ['size', '10MB', '10MiB']);
run('what does a time span mean?', ['duration', '90m', '1y']);
if (broken !== 1 || clean !== 0) {
  process.stderr.write(`\nunexpected: broken tree exited ${broken} (want 1), clean tree exited ${clean} (want 0)\n`);
  process.exit(1);
}
