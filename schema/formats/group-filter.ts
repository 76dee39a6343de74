// Group filters of sync, verify and tape jobs: `[include:|exclude:]` then `type:`, `group:` or
// `regex:` (pbs-api-types GroupFilter).
import { fail, memo, type FormatSpec, type FormatValidator } from './format.ts';
import { backupGroup } from './names.ts';
import { rustRegexFailure } from './rust-regex.ts';

/** `[include:|exclude:](type:<vm|ct|host>|group:<type>/<id>|regex:<Rust regex>)`. */
const groupFilter: FormatValidator = memo((s) => {
  let rest = 0;
  const first = s.indexOf(':');
  if (first >= 0) {
    const head = s.slice(0, first);
    if (head === 'include' || head === 'exclude') rest = first + 1;
  }
  const colon = s.indexOf(':', rest);
  if (colon < 0) {
    return fail("expected 'type:<vm|ct|host>', 'group:<type>/<id>' or 'regex:<regex>', optionally after 'include:' or 'exclude:'", rest, s.length - rest);
  }
  const kind = s.slice(rest, colon);
  const value = s.slice(colon + 1);
  const at = colon + 1;
  switch (kind) {
    case 'type':
      if (value === 'vm' || value === 'ct' || value === 'host') return undefined;
      return fail(`the backup type '${value}' is not one of vm, ct, host`, at, value.length);
    case 'group': {
      const f = backupGroup(value);
      return f ? { ...f, offset: f.offset + at } : undefined;
    }
    case 'regex': {
      const f = rustRegexFailure(value);
      return f ? { ...f, offset: f.offset + at } : undefined;
    }
    default:
      return fail(`expected 'group', 'type' or 'regex' before ':', not '${kind}'`, rest, kind.length);
  }
});

export const GROUP_FILTER_FORMATS: Readonly<Record<string, FormatSpec>> = {
  'group-filter': { check: groupFilter, label: 'group filter' },
};
