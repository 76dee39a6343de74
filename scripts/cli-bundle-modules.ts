// Which source modules a `pbs-tools` command evaluates, read from the built CommonJS bundle
// (dist/cli/<command>.cjs). esbuild wraps every module that something imports lazily in an init
// function (`var init_x = __esm({ "path"() { …init_y(); require_z(); } })`, CommonJS packages
// in `var require_z = __commonJS({ "path"(exports, module) { … } })`); the rest runs at start.
// A command's modules are those that run at start plus the closure of its own init over the
// init/require calls each body makes at once. Imports a body makes lazily (a dynamic import:
// `Promise.resolve().then(() => (init_x(), …))`) are not followed, as a static-import walk would
// not follow them. Used by the build, the tests and the benchmarks (what `key` or `calendar` load).

const LAZY_CALL = /Promise\.resolve\(\)\.then\(\(\) => (?:\(init_\w+\(\), \w+\)|__toESM\(require_\w+\(\)(?:, 1)?\))\)/g;
const WRAPPER = /^var ((?:init|require)_\w+) = __(?:esm|commonJS)\(\{\n {2}"([^"]+)"\([^)]*\) \{\n([\s\S]*?)\n {2}\}\n\}\);$/gm;
const CALL = /\b((?:init|require)_\w+)\(\)/g;

interface Wrapper {
  path: string;
  calls: string[];
}

function calls(text: string): string[] {
  return [...text.replace(LAZY_CALL, '').matchAll(CALL)].map((m) => m[1]!);
}

/** The module paths `command` evaluates in `bundle` (the text of dist/cli/<command>.cjs), sorted. */
export function commandModules(bundle: string, command: string): string[] {
  const wrappers = new Map<string, Wrapper>();
  for (const m of bundle.matchAll(WRAPPER)) wrappers.set(m[1]!, { path: m[2]!, calls: calls(m[3]!) });
  const wrapped = new Set([...wrappers.values()].map((w) => w.path));
  const outside = bundle.replace(WRAPPER, '');
  const entry = new RegExp(`^\\s*${command}: \\{[^\\n]*load: \\(\\) => Promise\\.resolve\\(\\)\\.then\\(\\(\\) => \\((init_\\w+)\\(\\)`, 'm').exec(bundle)?.[1];
  if (entry === undefined) throw new Error(`no lazily loaded command '${command}' in the bundle`);
  const eager = [...outside.matchAll(/^\/\/ (\S+\.(?:ts|js|mjs|cjs|json))$/gm)].map((m) => m[1]!).filter((p) => !wrapped.has(p));
  const seen = new Set<string>();
  const visit = (name: string) => {
    const w = wrappers.get(name);
    if (seen.has(name) || w === undefined) return;
    seen.add(name);
    w.calls.forEach(visit);
  };
  [entry, ...calls(outside)].forEach(visit);
  return [...new Set([...eager, ...[...seen].map((n) => wrappers.get(n)!.path)])].sort();
}
