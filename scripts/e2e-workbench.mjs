// What scripts/e2e.mjs does in code-server's workbench page through playwright-core, for either
// extension host: open a folder and a file, hover a token until the hover says something, read
// the command palette, and run an in-host mocha suite through extensionTestsPath.
import { format } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';

/** A workbench at http://127.0.0.1:port; `remote(path)` is how the workbench names a file there. */
export function workbench(browser, port) {
  const base = `http://127.0.0.1:${port}`;
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  const open = async (folder, payload, viewport = { width: 1400, height: 860 }) => {
    const page = await browser.newPage({ viewport });
    await page.goto(`${base}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify([...payload, ['skipWelcome', 'true']]))}`);
    return page;
  };
  return {
    remote,
    /** A new page with `folder` open and `file` in the editor. */
    openFile: (folder, file, viewport) => open(folder, [['openFile', remote(file)]], viewport),
    /**
     * Runs the suite `testsPath` (a file or folder whose module exports run()) in the extension
     * host of the extension at `devPath`; resolves to the exit code, or 'timeout'.
     */
    async runSuite(folder, testsPath, devPath, timeoutMs = 300_000) {
      const page = await browser.newPage();
      let resolveExit;
      const exited = new Promise((r) => (resolveExit = r));
      await page.exposeFunction('codeAutomationLog', (_type, args) => {
        const text = format(...(args ?? []));
        if (!/ENOTFOUND|open-vsx\.org|vsda|ERR_NAME_NOT_RESOLVED/.test(text)) console.log(text);
      });
      await page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
      await page.goto(`${base}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify([['extensionTestsPath', remote(testsPath)], ['extensionDevelopmentPath', remote(devPath)], ['skipWelcome', 'true']]))}`);
      const code = await Promise.race([exited, sleep(timeoutMs).then(() => 'timeout')]);
      await page.close();
      return code;
    },
  };
}

/** Hovers the first editor token matching `token` until a hover matching `want` shows; its text. */
export async function hoverUntil(page, token, want) {
  const target = page.locator('.view-lines .view-line span', { hasText: token }).first();
  let text = '';
  for (let attempt = 0; attempt < 10 && !want.test(text); attempt++) {
    if (attempt > 0) {
      // A hover shown for a neighbouring token (the layout may still have been settling) can lie
      // over the target and catch the next move: send the mouse away until it is gone.
      await page.mouse.move(1, 1);
      await page.locator('.monaco-hover:not(.hidden)').first().waitFor({ state: 'hidden', timeout: 3_000 }).catch(() => undefined);
    }
    const box = await target.boundingBox();
    if (!box) throw new Error(`no ${token} token on screen to hover`);
    await page.mouse.move(box.x + 1, box.y + box.height / 2);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    try {
      await page.locator('.monaco-hover:not(.hidden)').first().waitFor({ timeout: 3_000 });
      text = await page.locator('.monaco-hover:not(.hidden)').first().innerText();
    } catch {
      /* try again */
    }
  }
  return text;
}

/** The labels the command palette lists for `query` (the palette is closed again). */
export async function paletteLabels(page, query) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ timeout: 10_000 });
  await input.fill(`>${query}`);
  // the list settles after the filter ran
  await sleep(800);
  const labels = await page.locator('.quick-input-widget .quick-input-list .monaco-list-row').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? e.textContent ?? ''));
  await page.keyboard.press('Escape');
  return labels;
}
