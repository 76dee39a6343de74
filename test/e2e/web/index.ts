// The extensionTestsPath module of the web worker run: VS Code fetches it and evaluates it as one
// CommonJS file whose only import is `vscode` (scripts/e2e.mjs bundles it into the installed
// extension's folder, so that the tests run in that extension's host), then calls run().
import { mocha } from './mocha-setup.ts';
import './extension.web.test.ts';

export function run(): Promise<void> {
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} in-VS-Code web test(s) failed`)) : resolve()));
  });
}
