// The TextMate grammar VS Code colours PBS files with (grammar/pbs-config.tmLanguage.json), run
// through vscode-textmate + vscode-oniguruma as VS Code runs it: each sample line's tokens and
// their most specific scope.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import vsctm from 'vscode-textmate';
import oniguruma from 'vscode-oniguruma';

const require = createRequire(import.meta.url);
const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
const grammarText = readFileSync(new URL('../../../grammar/pbs-config.tmLanguage.json', import.meta.url), 'utf8');

const registry = oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength)).then(
  () =>
    new vsctm.Registry({
      onigLib: Promise.resolve({ createOnigScanner: (p: string[]) => new oniguruma.OnigScanner(p), createOnigString: (s: string) => new oniguruma.OnigString(s) }),
      loadGrammar: async (scope: string) => (scope === 'source.pbs-config' ? vsctm.parseRawGrammar(grammarText, 'pbs-config.tmLanguage.json') : null),
    }),
);

/** [text, innermost scope] for every token of every line (whitespace-only tokens dropped). */
async function tokens(text: string): Promise<[string, string][]> {
  const grammar = (await (await registry).loadGrammar('source.pbs-config'))!;
  let state = vsctm.INITIAL;
  const out: [string, string][] = [];
  for (const line of text.split('\n')) {
    const r = grammar.tokenizeLine(line, state);
    for (const t of r.tokens) {
      const piece = line.slice(t.startIndex, t.endIndex);
      if (piece.trim() === '') continue;
      out.push([piece, t.scopes[t.scopes.length - 1]]);
    }
    state = r.ruleStack;
  }
  return out;
}

test('section header: type, separator, id', async () => {
  assert.deepEqual(await tokens('datastore: store1'), [
    ['datastore', 'entity.name.type.section.pbs'],
    [':', 'punctuation.separator.key-value.pbs'],
    ['store1', 'entity.name.section.pbs'],
  ]);
});

test('property lines: key, then schedules, sizes, booleans, numbers', async () => {
  assert.deepEqual(await tokens('\tgc-schedule mon..fri 02:30'), [
    ['gc-schedule', 'variable.other.property.pbs'],
    ['mon..fri', 'keyword.other.weekday.pbs'],
    ['02:30', 'constant.numeric.time.pbs'],
  ]);
  assert.deepEqual(await tokens('\tschedule daily'), [
    ['schedule', 'variable.other.property.pbs'],
    ['daily', 'keyword.other.schedule.pbs'],
  ]);
  assert.deepEqual(await tokens('\trate-in 10MiB'), [
    ['rate-in', 'variable.other.property.pbs'],
    ['10MiB', 'constant.numeric.size.pbs'],
  ]);
  assert.deepEqual(await tokens('\tverify-new true'), [
    ['verify-new', 'variable.other.property.pbs'],
    ['true', 'constant.language.boolean.pbs'],
  ]);
  assert.deepEqual(await tokens('\tkeep-last 3'), [
    ['keep-last', 'variable.other.property.pbs'],
    ['3', 'constant.numeric.pbs'],
  ]);
});

test('property strings: member keys, =, commas, quoted values, sizes inside', async () => {
  assert.deepEqual(await tokens('\tbackend type=s3,max-cache-size=128GiB'), [
    ['backend', 'variable.other.property.pbs'],
    ['type', 'support.type.property-name.pbs'],
    ['=', 'keyword.operator.assignment.pbs'],
    ['s3', 'string.unquoted.value.pbs'],
    [',', 'punctuation.separator.comma.pbs'],
    ['max-cache-size', 'support.type.property-name.pbs'],
    ['=', 'keyword.operator.assignment.pbs'],
    ['128GiB', 'constant.numeric.size.pbs'],
  ]);
  assert.deepEqual(await tokens('\tmaintenance-mode type=read-only,message="disk swap, back at 10"'), [
    ['maintenance-mode', 'variable.other.property.pbs'],
    ['type', 'support.type.property-name.pbs'],
    ['=', 'keyword.operator.assignment.pbs'],
    ['read-only', 'string.unquoted.value.pbs'],
    [',', 'punctuation.separator.comma.pbs'],
    ['message', 'support.type.property-name.pbs'],
    ['=', 'keyword.operator.assignment.pbs'],
    ['"disk swap, back at 10"', 'string.quoted.double.pbs'],
  ]);
});

test('acl.cfg rules and # lines', async () => {
  assert.deepEqual(await tokens('acl:1:/datastore/store1:admin@pbs,@ops:DatastoreAdmin'), [
    ['acl', 'keyword.other.acl.pbs'],
    [':', 'punctuation.separator.field.pbs'],
    ['1', 'constant.numeric.propagate.pbs'],
    [':', 'punctuation.separator.field.pbs'],
    ['/datastore/store1', 'string.unquoted.path.pbs'],
    [':', 'punctuation.separator.field.pbs'],
    ['admin@pbs', 'variable.other.auth-id.pbs'],
    [',', 'punctuation.separator.comma.pbs'],
    ['@ops', 'variable.other.auth-id.pbs'],
    [':', 'punctuation.separator.field.pbs'],
    ['DatastoreAdmin', 'support.constant.role.pbs'],
  ]);
  assert.deepEqual(await tokens('# managed by ansible'), [['# managed by ansible', 'comment.line.number-sign.pbs']]);
});
