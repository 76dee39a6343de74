// The extensionTestsPath module: VS Code (code-server or desktop) loads it with require() inside
// its extension host and calls run(). It runs the bundled suite with mocha from this checkout
// (PBS_E2E_MOCHA, set by the runner) and rejects when a test fails.
const { readdirSync } = require('node:fs');
const { join } = require('node:path');

exports.run = function run() {
  const Mocha = require(process.env.PBS_E2E_MOCHA || 'mocha');
  const mocha = new Mocha({ ui: 'tdd', timeout: 120000, color: false, reporter: 'spec' });
  const dir = join(__dirname, 'suite');
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.test.js')).sort()) mocha.addFile(join(dir, f));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} in-VS-Code test(s) failed`)) : resolve()));
  });
};
