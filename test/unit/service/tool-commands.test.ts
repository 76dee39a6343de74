// The toolbox commands on values (service/tool-commands.ts), called directly: exact results for
// known inputs, and a specific message for each way the input can be wrong.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runToolCommand } from '../../../service/tool-commands.ts';
import { PORTABLE_TOOL_COMMANDS } from '../../../service/tool-command-names.ts';

test('next runs from a fixed moment', async () => {
  const r = (await runToolCommand('pbs.server.nextRuns', ['sat 03:00', 2, '2026-11-24T00:00:00Z'])) as { runs: { utc: string }[] };
  // TZ of the test process decides the wall clock; the UTC instants must be Saturdays at 03:00 local
  assert.equal(r.runs.length, 2);
  for (const run of r.runs) assert.equal(new Date(run.utc).getTime() % 60_000, 0);
  await assert.rejects(runToolCommand('pbs.server.nextRuns', ['daily', 3, 'yesterday']), /'yesterday' is not an ISO 8601 date/);
  await assert.rejects(runToolCommand('pbs.server.nextRuns', []), /first argument must be a schedule/);
});

test('every portable command is implemented; any other is unknown, with the list of those the server has', async () => {
  for (const c of PORTABLE_TOOL_COMMANDS) {
    await assert.rejects(runToolCommand(c, [undefined]), (err: Error) => !/unknown command/.test(err.message));
  }
  await assert.rejects(runToolCommand('pbs.server.sha256', ['/x']), /^Error: unknown command 'pbs.server.sha256'; this server has pbs.server.nextRuns$/);
  await assert.rejects(runToolCommand('pbs.server.x', [], new Date(), undefined, ['a', 'b']), /this server has a, b$/);
});
