// JSON text as PBS's serde_json reads it: located errors that never quote the text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JsonSyntaxError, parseJson } from '../../../core/json.ts';

function jsonError(text: string): JsonSyntaxError {
  try {
    parseJson(text, { rejectDuplicateKeys: true });
  } catch (e) {
    if (e instanceof JsonSyntaxError) return e;
    throw e;
  }
  assert.fail(`parsed: ${text}`);
}

test('JSON errors give line, column and kind, and never quote the text', () => {
  const cases: [string, string][] = [
    ['{"a":1,}', 'line 1, column 8: expected a double-quoted property name'],
    ['{"a":1', "line 1, column 7: unexpected end of input, expected ',' or '}'"],
    ['{\n  "a": 1\n  "b": 2\n}', "line 3, column 3: expected ',' or '}' after a property value"],
    ['{"a" 1}', "line 1, column 6: expected ':' after the property name"],
    ['[1,2', "line 1, column 5: unexpected end of input, expected ',' or ']'"],
    ['{"secret": c2VjcmV0}', 'line 1, column 12: unexpected character, expected a value'],
    ['{"a": "unterminated', 'line 1, column 7: unterminated string'],
    ['{"a": "tab\there"}', 'line 1, column 11: control character inside a string (escape it)'],
    ['{"a": "\\x"}', 'line 1, column 8: invalid escape in a string'],
    ["{'a': 1}", 'line 1, column 2: expected a double-quoted property name'],
    ['[01]', "line 1, column 3: expected ',' or ']' after an array element"],
    ['{} x', 'line 1, column 4: unexpected content after the JSON value'],
    ['', 'line 1, column 1: unexpected end of input, expected a value'],
    ['\ufeff{}', 'line 1, column 1: byte order mark at the start (JSON files must not have one)'],
    ['{"a":1,"a":2}', "line 1, column 8: duplicate property 'a'"],
  ];
  for (const [text, message] of cases) {
    const e = jsonError(text);
    assert.equal(e.message, `malformed JSON at ${message}`, JSON.stringify(text));
  }
  assert.ok(!jsonError('{"secret": c2VjcmV0}').message.includes('c2V'));
});

test('valid JSON parses as JSON.parse does; duplicates pass unless refused', () => {
  const text = '{"a": [1, 2.5e3, -0, true, false, null, "\\u00e4\\n"], "b": {"c": {}}}';
  assert.deepEqual(parseJson(text), JSON.parse(text));
  assert.deepEqual(parseJson('{"a":1,"a":2}'), { a: 2 });
  assert.deepEqual(parseJson('{"a":{"x":1},"b":{"x":2}}', { rejectDuplicateKeys: true }), { a: { x: 1 }, b: { x: 2 } });
});
