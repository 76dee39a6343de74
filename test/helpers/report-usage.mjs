// Preloaded (node --import) into a CLI or server process under test: at exit it writes the
// process's peak resident memory (KiB) and CPU time to the file named by PBS_TEST_USAGE_FILE, so a
// hostile-input test can assert "≤ 400 MB" of the real process, not of the test runner.
import { writeFileSync } from 'node:fs';

const out = process.env.PBS_TEST_USAGE_FILE;
if (out) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(out, JSON.stringify({ maxRssKiB: u.maxRSS, userUs: u.userCPUTime, systemUs: u.systemCPUTime }));
  });
}
