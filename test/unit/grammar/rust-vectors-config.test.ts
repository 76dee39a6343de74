// The test vectors of the Rust crates our config grammars restate, taken as facts and checked
// against our implementation. Source: proxmox/proxmox-rs at f3305009a21264dea2771f5c86c818146796125f
// (proxmox-section-config/src/lib.rs and src/typed.rs tests, proxmox-api-macro/tests/section-config.rs,
// proxmox-schema/src/property_string.rs tests, proxmox-schema/src/comma_separated_list.rs tests,
// proxmox-schema/tests/schema.rs and tests/schema_verification.rs, proxmox-time/src/daily_duration.rs
// tests and doc examples). The expectations are restated by hand.
//
// Only what carries over to our API is used: which texts parse, what they yield, which values PBS
// refuses. The Rust tests build their own schemas (lvmthin storages, dummy users, `net0` NIC
// property strings); where such a vector states a rule of the section-config reader or of
// proxmox-schema's value parsing that PBS files follow as well (list properties may repeat, other
// keys may not; unknown keys and section types are refused; boolean spellings; a key-less entry
// needs a default key), it is checked on the PBS property that follows the same rule, named in
// the test. Vectors that test Rust API details only (writing, serde round trips, key-alias
// remapping, extraction, text wrapping) are left out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSectionConfig } from '../../../grammar/section-config.ts';
import { parsePropertyString } from '../../../grammar/property-string.ts';
import { parseDailyDuration, type DailyDuration } from '../../../grammar/daily-duration.ts';
import { validateSection } from '../../../schema/validate-section.ts';
import type { SectionConfigAst, PropertyStringAst } from '../../../grammar/ast.ts';
import type { Problem } from '../../../schema/problem.ts';

// ---------------------------------------------------------------------------------------------
// Section-config files

/** Parses a section-config text that must be free of syntax problems. */
function parseClean(text: string): SectionConfigAst {
  const ast = parseSectionConfig(text);
  assert.deepEqual(ast.problems, [], 'PBS reads this text without a syntax error');
  return ast;
}

/** Sections as `type: id` followed by their `key=value` lines, in file order. */
function shape(ast: SectionConfigAst): string[][] {
  return ast.sections.map((s) => [`${s.type.text}: ${s.id.text}`, ...s.properties.map((p) => `${p.key.text}=${p.value.text}`)]);
}

/** The problems validateSection finds in every section of `text`, as a `kind` file. */
function validate(kind: string, text: string): Problem[] {
  return parseClean(text).sections.flatMap((s) => validateSection(kind, s));
}

/** The problems of the given codes, as `code @ text-of-range`. */
function only(text: string, problems: Problem[], codes: string[]): string[] {
  return problems.filter((p) => codes.includes(p.code)).map((p) => `${p.code} @ ${text.slice(p.start, p.end)}`);
}

const errors = (problems: Problem[]) => problems.filter((p) => p.severity === 'error');

// proxmox-section-config/src/lib.rs test_section_config1
test('section config: leading blank lines, blank-indented properties, two sections (test_section_config1)', () => {
  const raw =
    '\n\nlvmthin: local-lvm\n        thinpool data\n        vgname pve5\n        content rootdir,images\n\n' +
    'lvmthin: local-lvm2\n        thinpool data\n        vgname pve5\n        content rootdir,images\n';
  assert.deepEqual(shape(parseClean(raw)), [
    ['lvmthin: local-lvm', 'thinpool=data', 'vgname=pve5', 'content=rootdir,images'],
    ['lvmthin: local-lvm2', 'thinpool=data', 'vgname=pve5', 'content=rootdir,images'],
  ]);
});

// proxmox-section-config/src/lib.rs test_section_config2
test('section config: two section types, a value with inner blanks is kept whole (test_section_config2)', () => {
  const raw = '\n\nuser: root@pam\n        email root@example.com\n\ngroup: mygroup\n        comment a very important group\n';
  assert.deepEqual(shape(parseClean(raw)), [
    ['user: root@pam', 'email=root@example.com'],
    ['group: mygroup', 'comment=a very important group'],
  ]);
});

// proxmox-section-config/src/lib.rs test_section_config_with_all_of_schema
test('section config: tab-indented file without leading blank line (test_section_config_with_all_of_schema)', () => {
  const raw = 'lvmthin: local-lvm\n\tcontent rootdir,images\n\tthinpool data\n\nlvmthin: local-lvm2\n\tcontent rootdir,images\n\tthinpool data\n';
  assert.deepEqual(shape(parseClean(raw)), [
    ['lvmthin: local-lvm', 'content=rootdir,images', 'thinpool=data'],
    ['lvmthin: local-lvm2', 'content=rootdir,images', 'thinpool=data'],
  ]);
});

// proxmox-section-config/src/lib.rs test_section_config_with_additional_properties: the text is
// read, and a schema without additional properties refuses the unknown key. PBS's user.cfg user
// schema allows no additional properties either.
const ADDITIONAL_RAW = '\n\nuser: root@pam\n        email root@example.com\n        shinynewoption somevalue\n';

// proxmox-section-config/src/lib.rs test_section_config_with_additional_properties
test('section config: an unknown key is a well-formed line (test_section_config_with_additional_properties)', () => {
  assert.deepEqual(shape(parseClean(ADDITIONAL_RAW)), [['user: root@pam', 'email=root@example.com', 'shinynewoption=somevalue']]);
});

// proxmox-section-config/src/lib.rs test_section_config_with_additional_properties
test('section config: user.cfg refuses the unknown key shinynewoption, and only it (test_section_config_with_additional_properties)', () => {
  const problems = validate('user.cfg', ADDITIONAL_RAW);
  assert.deepEqual(
    errors(problems).map((p) => `${p.code} @ ${ADDITIONAL_RAW.slice(p.start, p.end)}`),
    ['unknown-property @ shinynewoption'],
  );
});

// proxmox-section-config/src/lib.rs test_section_config_with_unknown_section_types
const UNKNOWN_TYPES_RAW = '\n\nuser: root@pam\n        email root@example.com\n\ntoken: asdf@pbs!asdftoken\n        enable true\n        expire 0\n';

// proxmox-section-config/src/lib.rs test_section_config_with_unknown_section_types
test('section config: values are read as written, token id with "!" (test_section_config_with_unknown_section_types)', () => {
  assert.deepEqual(shape(parseClean(UNKNOWN_TYPES_RAW)), [
    ['user: root@pam', 'email=root@example.com'],
    ['token: asdf@pbs!asdftoken', 'enable=true', 'expire=0'],
  ]);
});

// proxmox-section-config/src/lib.rs test_section_config_with_unknown_section_types: without
// allow_unknown_sections, a file whose schema lacks the `token` type is refused. remote.cfg knows
// only `remote` sections (PBS never reads it with unknown sections allowed).
test('section config: a section type the file does not know is refused (test_section_config_with_unknown_section_types)', () => {
  const problems = validate('remote.cfg', UNKNOWN_TYPES_RAW);
  assert.deepEqual(only(UNKNOWN_TYPES_RAW, problems, ['unknown-section-type']), ['unknown-section-type @ user', 'unknown-section-type @ token']);
});

// proxmox-section-config/src/lib.rs test_section_config_array
const ARRAY_RAW =
  '\n\nsync: s-4a1011e8-40e2\n        group-filter group:vm/144\n        schedule monthly\n\n' +
  'sync: s-5b2122f9-51f3\n        group-filter group:vm/100\n        schedule hourly\n        group-filter group:vm/102\n\n' +
  'sync: s-6c32330a-6204\n        group-filter group:vm/103\n        group-filter group:vm/104\n        group-filter group:vm/105\n';

// proxmox-section-config/src/lib.rs test_section_config_array
test('section config: repeated keys are kept in file order, also around other keys (test_section_config_array)', () => {
  const ast = parseClean(ARRAY_RAW);
  assert.deepEqual(shape(ast), [
    ['sync: s-4a1011e8-40e2', 'group-filter=group:vm/144', 'schedule=monthly'],
    ['sync: s-5b2122f9-51f3', 'group-filter=group:vm/100', 'schedule=hourly', 'group-filter=group:vm/102'],
    ['sync: s-6c32330a-6204', 'group-filter=group:vm/103', 'group-filter=group:vm/104', 'group-filter=group:vm/105'],
  ]);
  const groupFilters = (i: number) => ast.sections[i]!.properties.filter((p) => p.key.text === 'group-filter').map((p) => p.value.text);
  assert.deepEqual(groupFilters(1), ['group:vm/100', 'group:vm/102']);
  assert.deepEqual(groupFilters(2), ['group:vm/103', 'group:vm/104', 'group:vm/105']);
  assert.ok(!ast.sections[2]!.properties.some((p) => p.key.text === 'schedule'), 'the third section has no schedule');
});

// proxmox-section-config/src/lib.rs test_section_config_array: group-filter is an array schema,
// so it may repeat. PBS's sync.cfg group-filter is the same array property.
test('section config: sync.cfg group-filter may repeat, nothing unknown (test_section_config_array)', () => {
  const problems = validate('sync.cfg', ARRAY_RAW);
  assert.deepEqual(only(ARRAY_RAW, problems, ['duplicate-property', 'unknown-property', 'syntax']), []);
});

// proxmox-section-config/src/lib.rs test_section_config_array (the `sync: fail` text): a
// non-array key given twice is refused. PBS's sync.cfg schedule is a plain string.
test('section config: sync.cfg schedule given twice is refused (test_section_config_array)', () => {
  const raw = '\n\nsync: fail\n        schedule hourly\n        schedule monthly\n';
  const problems = validate('sync.cfg', raw);
  const dup = problems.filter((p) => p.code === 'duplicate-property');
  assert.equal(dup.length, 1);
  assert.equal(dup[0]!.severity, 'error');
  assert.equal(raw.slice(dup[0]!.start, dup[0]!.end), 'schedule');
  assert.ok(dup[0]!.start > raw.indexOf('schedule monthly') - 1, 'the second schedule line is the one refused');
});

// proxmox-section-config/src/typed.rs test::test_type_key
test('section config: one-letter types, tab-indented (typed.rs test_type_key)', () => {
  const raw = 'a: first\n\tvalue 1\n\nb: second\n\tvalue 2\n';
  assert.deepEqual(shape(parseClean(raw)), [
    ['a: first', 'value=1'],
    ['b: second', 'value=2'],
  ]);
});

// proxmox-section-config/src/typed.rs test::test_macros
test('section config: keys with "_", three sections (typed.rs test_macros)', () => {
  const raw = 'token: first\n\ttoken 1\n\nuser: second\n\tuser_id 2\n\nuser: third\n\tuser_id 4\n';
  assert.deepEqual(shape(parseClean(raw)), [
    ['token: first', 'token=1'],
    ['user: second', 'user_id=2'],
    ['user: third', 'user_id=4'],
  ]);
});

// proxmox-api-macro/tests/section-config.rs test_config
test('section config: upper-case section types (api-macro test_config)', () => {
  const raw = 'A: the-a\n\tname The Name\n\nB: the-b\n\tage 42\n';
  assert.deepEqual(shape(parseClean(raw)), [
    ['A: the-a', 'name=The Name'],
    ['B: the-b', 'age=42'],
  ]);
});

// proxmox-api-macro/tests/section-config.rs test_global_type_key
test('section config: a section type with a digit (api-macro test_global_type_key)', () => {
  const raw = 'a2: the-a\n\tname The Name\n\nb: the-b\n\tage 42\n';
  assert.deepEqual(shape(parseClean(raw)), [
    ['a2: the-a', 'name=The Name'],
    ['b: the-b', 'age=42'],
  ]);
});

// ---------------------------------------------------------------------------------------------
// Property strings

/** Entries as [key or null, unescaped value]. */
function entries(ast: PropertyStringAst): [string | null, string][] {
  return ast.entries.map((e) => [e.key ? e.key.text : null, e.value.text]);
}

// proxmox-schema/src/property_string.rs iterate_over_property_string
test('property string: key-less quoted values, "=" inside quotes, escapes \\" and \\\\ (iterate_over_property_string)', () => {
  const data = String.raw`"value w/o key",fst=v1,sec="with = in it",third=3,"and \" and '\\'"`;
  const ast = parsePropertyString(data);
  assert.deepEqual(ast.problems, []);
  assert.deepEqual(entries(ast), [
    [null, 'value w/o key'],
    ['fst', 'v1'],
    ['sec', 'with = in it'],
    ['third', '3'],
    [null, `and " and '\\'`],
  ]);
});

const UNTERMINATED: string[] = [String.raw`key="open \\ value`, String.raw`key="open \\ value\"`];
for (const text of UNTERMINATED) {
  // proxmox-schema/src/property_string.rs iterate_over_property_string (the two is_err cases)
  test(`property string: unterminated quoted value is refused: ${text} (iterate_over_property_string)`, () => {
    assert.notEqual(parsePropertyString(text).problems.length, 0);
  });
}

// proxmox-schema/src/property_string.rs test::test_key_alias_info (the text parses; the alias
// remapping itself is a Rust schema feature PBS does not use)
test('property string: "virtio=aa:bb:cc:dd:ee,disconnected=0" splits into two entries (test_key_alias_info)', () => {
  const ast = parsePropertyString('virtio=aa:bb:cc:dd:ee,disconnected=0');
  assert.deepEqual(ast.problems, []);
  assert.deepEqual(entries(ast), [
    ['virtio', 'aa:bb:cc:dd:ee'],
    ['disconnected', '0'],
  ]);
});

// proxmox-schema/tests/schema.rs test_verify_complex_object: the net0 values that are well-formed
// property strings (model=abc fails on the enum, not on the syntax).
const COMPLEX_OBJECT: { text: string; entries: [string | null, string][] }[] = [
  { text: 'model=abc', entries: [['model', 'abc']] },
  { text: 'model=virtio', entries: [['model', 'virtio']] },
  { text: 'model=virtio,enable=1', entries: [['model', 'virtio'], ['enable', '1']] },
  { text: 'virtio,enable=no', entries: [[null, 'virtio'], ['enable', 'no']] },
];
for (const c of COMPLEX_OBJECT) {
  // proxmox-schema/tests/schema.rs test_verify_complex_object
  test(`property string: ${JSON.stringify(c.text)} splits into ${JSON.stringify(c.entries)} (test_verify_complex_object)`, () => {
    const ast = parsePropertyString(c.text);
    assert.deepEqual(ast.problems, []);
    assert.deepEqual(entries(ast), c.entries);
  });
}

// proxmox-schema/tests/schema.rs test_verify_complex_object, on PBS's datastore property strings
// with a default key naming an enum member (maintenance-mode and backend, key `type`): a key-less
// value goes to the default key; an enum value outside the list is refused. The refused case is on
// `backend`: maintenance-mode's type has an optional format, so PBS's parser lets an unknown one
// through and drops it when it uses it (a warning, see conformance-families.test.ts).
const DEFAULT_KEY: { key: string; value: string; valid: boolean; like: string }[] = [
  { key: 'backend', value: 'type=abc', valid: false, like: 'model=abc' },
  { key: 'maintenance-mode', value: 'type=read-only', valid: true, like: 'model=virtio' },
  { key: 'maintenance-mode', value: 'type=read-only,message=x', valid: true, like: 'model=virtio,enable=1' },
  { key: 'maintenance-mode', value: 'read-only,message=x', valid: true, like: 'virtio,enable=no' },
];
for (const c of DEFAULT_KEY) {
  // proxmox-schema/tests/schema.rs test_verify_complex_object
  test(`property string with default key: ${c.key} ${c.value} is ${c.valid ? 'accepted' : 'refused'} (as ${c.like} in test_verify_complex_object)`, () => {
    const problems = validate('datastore.cfg', `datastore: store1\n\t${c.key} ${c.value}\n\tpath /mnt/store1\n`);
    assert.deepEqual(errors(problems).length > 0, !c.valid, problems.map((p) => p.message).join('\n'));
  });
}

// proxmox-schema/tests/schema_verification.rs verify_nested_property1: "abc" without key, and the
// schema has no default key. PBS's datastore tuning has no default key.
test('property string: a key-less value where there is no default key is refused (verify_nested_property1)', () => {
  const text = 'datastore: store1\n\tpath /mnt/store1\n\ttuning abc\n';
  const problems = errors(validate('datastore.cfg', text));
  assert.deepEqual(only(text, problems, ['invalid-property-string']), ['invalid-property-string @ abc']);
});

// proxmox-schema/tests/schema_verification.rs verify_nested_property2: "abc=1" names a member the
// schema does not have (which allows no additional properties), and the required members are
// missing. On PBS's maintenance-mode (required member `type`).
test('property string: an unknown member is refused, and so is the missing required member (verify_nested_property2)', () => {
  const text = 'datastore: store1\n\tmaintenance-mode abc=1\n\tpath /mnt/store1\n';
  const problems = errors(validate('datastore.cfg', text));
  assert.ok(problems.some((p) => text.slice(p.start, p.end) === 'abc'), 'the unknown member abc is refused');
  assert.ok(problems.some((p) => /'type'/.test(p.message) && /missing/.test(p.message)), problems.map((p) => p.message).join('\n'));
});

// proxmox-schema/tests/schema_verification.rs verify_nested_property3: "" is an object with no
// members, so the required ones are missing.
test('property string: "" has no entries (verify_nested_property3)', () => {
  const ast = parsePropertyString('');
  assert.deepEqual(ast.problems, []);
  assert.deepEqual(entries(ast), []);
});

// proxmox-schema/tests/schema_verification.rs verify_nested_property3, on maintenance-mode
test('property string: an empty value misses the required member (verify_nested_property3)', () => {
  const text = 'datastore: store1\n\tmaintenance-mode \n\tpath /mnt/store1\n';
  const problems = errors(validate('datastore.cfg', text));
  assert.ok(problems.some((p) => /'type'/.test(p.message) && /missing/.test(p.message)), problems.map((p) => p.message).join('\n'));
});

// proxmox-schema/tests/schema.rs test_verify_complex_array and
// proxmox-schema/src/comma_separated_list.rs tests: lists are key-less comma-separated entries;
// the empty string is the empty list.
const LISTS: { text: string; items: string[]; src: string }[] = [
  { text: '', items: [], src: 'test_verify_complex_array (list=)' },
  { text: '1', items: ['1'], src: 'test_verify_complex_array (list=1)' },
  { text: 'abc', items: ['abc'], src: 'test_verify_complex_array (list=abc: the item fails as integer)' },
  { text: '2,3,4,5', items: ['2', '3', '4', '5'], src: 'test_verify_complex_array (list=2,3,4,5)' },
  { text: '1,2,3', items: ['1', '2', '3'], src: 'test_verify_complex_array (list=1,2,3); comma_separated_list test_comma_separated_list_deserialize' },
  { text: '3,4', items: ['3', '4'], src: 'comma_separated_list test_comma_separated_list_deserialize (4 fails the maximum)' },
  { text: '2', items: ['2'], src: 'comma_separated_list test_single_element_deserialize' },
];
for (const c of LISTS) {
  // proxmox-schema/tests/schema.rs test_verify_complex_array; proxmox-schema/src/comma_separated_list.rs tests
  test(`property string list: ${JSON.stringify(c.text)} is ${JSON.stringify(c.items)} (${c.src})`, () => {
    const ast = parsePropertyString(c.text);
    assert.deepEqual(ast.problems, []);
    assert.deepEqual(
      entries(ast),
      c.items.map((v) => [null, v]),
    );
  });
}

// proxmox-schema/tests/schema.rs test_query_boolean: the boolean spellings of parse_simple_value,
// which reads every section-config value too. On PBS's user.cfg `enable`.
const BOOLEANS: { text: string; valid: boolean }[] = [
  { text: 'yes', valid: true },
  { text: '1', valid: true },
  { text: 'On', valid: true },
  { text: 'TRUE', valid: true },
  { text: 'TREU', valid: false },
  { text: 'NO', valid: true },
  { text: '0', valid: true },
  { text: 'off', valid: true },
  { text: 'False', valid: true },
];
for (const c of BOOLEANS) {
  // proxmox-schema/tests/schema.rs test_query_boolean
  test(`boolean value ${JSON.stringify(c.text)} is ${c.valid ? 'accepted' : 'refused'} (test_query_boolean)`, () => {
    const text = `user: root@pam\n\tenable ${c.text}\n`;
    const problems = only(text, validate('user.cfg', text), ['invalid-value']);
    assert.deepEqual(problems, c.valid ? [] : [`invalid-value @ ${c.text}`]);
  });
}

// proxmox-schema/tests/schema.rs test_query_integer (count=abc): not an integer. On PBS's
// user.cfg `expire`.
test('integer value "abc" is refused (test_query_integer)', () => {
  const text = 'user: root@pam\n\texpire abc\n';
  assert.deepEqual(only(text, validate('user.cfg', text), ['invalid-value']), ['invalid-value @ abc']);
});

// ---------------------------------------------------------------------------------------------
// Daily durations

/** Weekday indexes as the Rust test writes them (Monday = 0), to our bits (Monday = 1). */
const dayBits = (idx: number[]) => idx.reduce((b, i) => b | (1 << i), 0);

function duration(text: string): DailyDuration {
  const r = parseDailyDuration(text);
  assert.ok(r.ok, `${JSON.stringify(text)} should parse: ${r.ok ? '' : r.message}`);
  return r.value;
}

// proxmox-time/src/daily_duration.rs test_daily_duration_parser: refused
const DD_REFUSED: string[] = ['', ' 8-12', '8:60-12', '8-25', '12-8'];
for (const text of DD_REFUSED) {
  // proxmox-time/src/daily_duration.rs test::test_daily_duration_parser
  test(`daily duration refused: ${JSON.stringify(text)} (test_daily_duration_parser)`, () => {
    assert.equal(parseDailyDuration(text).ok, false);
  });
}

// proxmox-time/src/daily_duration.rs test_daily_duration_parser: accepted, with their values
const DD_ACCEPTED: { text: string; start: [number, number]; end: [number, number]; days: number[] }[] = [
  { text: '8-12', start: [8, 0], end: [12, 0], days: [] },
  { text: '8:0-12:0', start: [8, 0], end: [12, 0], days: [] },
  { text: '8:00-12:00', start: [8, 0], end: [12, 0], days: [] },
  { text: '8:05-12:20', start: [8, 5], end: [12, 20], days: [] },
  { text: '8:05 - 12:20', start: [8, 5], end: [12, 20], days: [] },
  { text: 'mon 8-12', start: [8, 0], end: [12, 0], days: [0] },
  { text: 'tue..fri 8-12', start: [8, 0], end: [12, 0], days: [1, 2, 3, 4] },
  { text: 'sat,tue..thu,fri 8-12', start: [8, 0], end: [12, 0], days: [1, 2, 3, 4, 5] },
];
for (const c of DD_ACCEPTED) {
  // proxmox-time/src/daily_duration.rs test::test_daily_duration_parser
  test(`daily duration ${JSON.stringify(c.text)} is ${c.start.join(':')}-${c.end.join(':')} on days [${c.days.join(',')}] (test_daily_duration_parser)`, () => {
    assert.deepEqual(duration(c.text), {
      weekdays: dayBits(c.days),
      start: { hour: c.start[0], minute: c.start[1] },
      end: { hour: c.end[0], minute: c.end[1] },
    });
  });
}

/**
 * Whether the window holds the UTC moment `epoch`, by what our DailyDuration states: no weekday
 * bits (or all seven) = every day, start inclusive, end exclusive, minute resolution.
 */
function holds(d: DailyDuration, epoch: number): boolean {
  const days = Math.floor(epoch / 86400);
  const weekday = (((days + 3) % 7) + 7) % 7; // epoch 0 is a Thursday; Monday = 0
  if (d.weekdays !== 0 && d.weekdays !== 127 && (d.weekdays & (1 << weekday)) === 0) return false;
  const secOfDay = epoch - days * 86400;
  const hm = Math.floor(secOfDay / 3600) * 60 + Math.floor((secOfDay % 3600) / 60);
  return hm >= d.start.hour * 60 + d.start.minute && hm < d.end.hour * 60 + d.end.minute;
}

// proxmox-time/src/daily_duration.rs test_time_match: "thu..fri 8:05-12", times in UTC
const THURSDAY_08_00 = 8 * 3600;
const THURSDAY_12_00 = 12 * 3600;
const DAY = 86400;
const TIME_MATCH: { at: number; label: string; holds: boolean }[] = [
  { at: THURSDAY_08_00, label: 'Thu 08:00', holds: false },
  { at: THURSDAY_08_00 + DAY, label: 'Fri 08:00', holds: false },
  { at: THURSDAY_08_00 + 2 * DAY, label: 'Sat 08:00', holds: false },
  { at: THURSDAY_08_00 + 5 * 60, label: 'Thu 08:05', holds: true },
  { at: THURSDAY_08_00 + 5 * 60 + DAY, label: 'Fri 08:05', holds: true },
  { at: THURSDAY_08_00 + 5 * 60 + 2 * DAY, label: 'Sat 08:05', holds: false },
  { at: THURSDAY_12_00 - 1, label: 'Thu 11:59:59', holds: true },
  { at: THURSDAY_12_00 - 1 + DAY, label: 'Fri 11:59:59', holds: true },
  { at: THURSDAY_12_00 - 1 + 2 * DAY, label: 'Sat 11:59:59', holds: false },
  { at: THURSDAY_12_00, label: 'Thu 12:00', holds: false },
  { at: THURSDAY_12_00 + DAY, label: 'Fri 12:00', holds: false },
  { at: THURSDAY_12_00 + 2 * DAY, label: 'Sat 12:00', holds: false },
];
for (const c of TIME_MATCH) {
  // proxmox-time/src/daily_duration.rs test::test_time_match
  test(`daily duration "thu..fri 8:05-12" ${c.holds ? 'holds' : 'does not hold'} ${c.label} (epoch ${c.at}, test_time_match)`, () => {
    assert.equal(holds(duration('thu..fri 8:05-12'), c.at), c.holds);
  });
}

// proxmox-time/src/daily_duration.rs doc examples (DailyDuration, parse_daily_duration)
const MONDAY = 1;
const SATURDAY = 32;
test('daily duration "mon..fri 8:00-17:00" includes Monday, not Saturday (doc example on DailyDuration)', () => {
  const d = duration('mon..fri 8:00-17:00');
  assert.notEqual(d.weekdays & MONDAY, 0);
  assert.equal(d.weekdays & SATURDAY, 0);
});

// proxmox-time/src/daily_duration.rs (doc example on parse_daily_duration)
test('daily duration "8:00-17:00" has no weekdays (doc example on parse_daily_duration)', () => {
  assert.equal(duration('8:00-17:00').weekdays, 0);
});

// proxmox-time/src/daily_duration.rs (doc example on parse_daily_duration)
test('daily duration "sat,sun 10-14" has weekdays (doc example on parse_daily_duration)', () => {
  assert.notEqual(duration('sat,sun 10-14').weekdays, 0);
});
