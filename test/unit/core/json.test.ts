// Command-argument helpers (CLI options, LSP executeCommand arguments) and located JSON errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  JsonSyntaxError,
  ParameterError,
  asParams,
  optionalBoolean,
  optionalEnum,
  optionalInteger,
  optionalString,
  parseJson,
  requiredEnum,
  requiredInteger,
  requiredString,
  requiredStringArray,
} from '../../../core/json.ts';

function fails(fn: () => unknown, message: string, param?: string): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof ParameterError, String(e));
    assert.equal(e.message, message);
    if (param !== undefined) assert.equal(e.param, param);
    return true;
  });
}

test('strings: present, missing, wrong type', () => {
  assert.equal(requiredString({ path: '/etc/proxmox-backup' }, 'path'), '/etc/proxmox-backup');
  fails(() => requiredString({}, 'path'), "missing parameter 'path'", 'path');
  fails(() => requiredString({ path: null }, 'path'), "missing parameter 'path'");
  fails(() => requiredString({ path: 3 }, 'path'), "parameter 'path' must be a string, got a number");
  assert.equal(optionalString({}, 'path'), undefined);
  assert.equal(optionalString({ path: '' }, 'path'), '');
});

test('integers: numbers or decimal text, inside the range, with the range in the message', () => {
  assert.equal(requiredInteger({ count: 5 }, 'count', { min: 1, max: 1000 }), 5);
  assert.equal(requiredInteger({ count: '12' }, 'count', { min: 1, max: 1000 }), 12);
  fails(() => requiredInteger({}, 'count', { min: 1, max: 1000 }), "missing parameter 'count'");
  fails(() => requiredInteger({ count: 0 }, 'count', { min: 1, max: 1000 }), "parameter 'count' must be an integer from 1 to 1000, got '0'");
  fails(() => requiredInteger({ count: '1001' }, 'count', { min: 1, max: 1000 }), "parameter 'count' must be an integer from 1 to 1000, got '1001'");
  fails(() => requiredInteger({ count: 2.5 }, 'count', { min: 1, max: 1000 }), "parameter 'count' must be an integer from 1 to 1000, got '2.5'");
  fails(() => requiredInteger({ count: 'ten' }, 'count', { min: 1 }), "parameter 'count' must be an integer of at least 1, got 'ten'");
  fails(() => requiredInteger({ count: [] }, 'count', { max: 9 }), "parameter 'count' must be an integer of at most 9, got an array");
  fails(() => requiredInteger({ count: '9007199254740993' }, 'count'), "parameter 'count' must be an integer, got '9007199254740993'");
  assert.equal(optionalInteger({}, 'count', { min: 1 }, 10), 10);
});

test('booleans, enums and string arrays', () => {
  assert.equal(optionalBoolean({ force: true }, 'force'), true);
  assert.equal(optionalBoolean({ force: 'false' }, 'force'), false);
  assert.equal(optionalBoolean({}, 'force', false), false);
  fails(() => optionalBoolean({ force: 'yes' }, 'force'), "parameter 'force' must be true or false, got 'yes'");
  assert.equal(requiredEnum({ format: 'json' }, 'format', ['text', 'json'] as const), 'json');
  fails(() => requiredEnum({ format: 'xml' }, 'format', ['text', 'json']), "parameter 'format' must be one of text, json, got 'xml'");
  fails(() => requiredEnum({}, 'format', ['text', 'json']), "missing parameter 'format' (one of text, json)");
  assert.equal(optionalEnum({}, 'format', ['text', 'json'] as const, 'text'), 'text');
  assert.deepEqual(requiredStringArray({ san: ['a', 'b'] }, 'san'), ['a', 'b']);
  fails(() => requiredStringArray({ san: ['a', 1] }, 'san'), "parameter 'san' must be an array of strings, got an array");
  fails(() => requiredStringArray({ san: [] }, 'san', { minItems: 1 }), "parameter 'san' needs at least 1 item");
});

test('arguments arrive as an object or as a one-element array (LSP executeCommand)', () => {
  assert.deepEqual(asParams({ a: 1 }), { a: 1 });
  assert.deepEqual(asParams([{ a: 1 }]), { a: 1 });
  assert.deepEqual(asParams(undefined), {});
  assert.throws(() => asParams('x'), /parameters must be an object like \{"name": value\}, got a string/);
  assert.throws(() => asParams([1, 2]), /got an array/);
});

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
