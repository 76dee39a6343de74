// The e2e setup installs code-server with an inner npm under Node 24. Run from `npm test`, it
// inherits the outer npm's variables, and code-server's postinstall then reads the outer Node's
// version from npm_config_user_agent and fails: scripts/clean-npm-env.sh runs the inner installs
// without them. This runs it the way `npm run` does, with the outer npm's variables set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('../../../scripts/clean-npm-env.sh', import.meta.url));

function envAfter(outer: Record<string, string>, args: string[] = []): Map<string, string> {
  const r = spawnSync('bash', [SCRIPT, ...args, 'env', '-0'], { env: { PATH: process.env.PATH ?? '', HOME: '/nonexistent', ...outer }, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return new Map(r.stdout.split('\0').filter(Boolean).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
}

test("the outer npm's variables do not reach the inner command; everything else does", () => {
  const env = envAfter({
    npm_config_user_agent: 'npm/11.0.0 node/v20.20.2 linux x64',
    npm_config_cache: '/root/.npm',
    npm_package_name: 'pbs-tools',
    npm_lifecycle_event: 'test:e2e',
    npm_node_execpath: '/usr/bin/node',
    NODE: '/usr/bin/node',
    INIT_CWD: '/work/main',
    XDG_CONFIG_HOME: '/tmp/x',
  });
  assert.deepEqual([...env.keys()].filter((k) => /^npm_|^NPM_|^NODE$|^INIT_CWD$/.test(k)), []);
  assert.equal(env.get('XDG_CONFIG_HOME'), '/tmp/x');
  assert.equal(env.get('HOME'), '/nonexistent');
});

test('NAME=VALUE before the command is set for it (npm_config_nodedir for node-gyp)', () => {
  const env = envAfter({ npm_config_nodedir: '/outer' }, ['npm_config_nodedir=/opt/node24', 'JOBS=max']);
  assert.equal(env.get('npm_config_nodedir'), '/opt/node24');
  assert.equal(env.get('JOBS'), 'max');
});
