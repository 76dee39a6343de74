// Mocha's browser build for the web worker extension host (which has no Node to load mocha from),
// set up before the suites are defined: its TDD globals (suite, test) come from here. The build
// is a UMD file that, bundled as ES module code, puts itself on globalThis.mocha.
import 'mocha/mocha.js';

interface BrowserMocha {
  setup(options: Mocha.MochaOptions): BrowserMocha;
  run(done: (failures: number) => void): unknown;
}

export const mocha = (globalThis as unknown as { mocha: BrowserMocha }).mocha;
mocha.setup({ ui: 'tdd', reporter: 'spec', timeout: 120_000, color: false });
