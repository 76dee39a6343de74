// The server's settings (`pbs.*`, the same names and defaults as package.json's
// contributes.configuration; a test holds the two together). Pulled with workspace/configuration
// where the client can answer it (VS Code, Neovim, Emacs/eglot), else taken from
// initializationOptions or didChangeConfiguration; a value of the wrong type falls back to its
// default rather than breaking anything.
import { isKnownTimeZone } from '../core/format/zone-clock.ts';

export interface Settings {
  validation: { enable: boolean; workspace: boolean };
  inlayHints: { enable: boolean };
  limits: { maxDiagnostics: number; maxResults: number };
  /** Glob (matched against the file path) → PBS file kind name, e.g. `**\/*.cfg.j2` → `datastore.cfg`. */
  fileAssociations: Record<string, string>;
  trace: { server: 'off' | 'messages' | 'verbose' };
  /** The PBS server's IANA time zone for every computed run (the CLI's --tz); '' = this machine's. */
  timeZone: string;
  calendar: { overlapHints: boolean; overlapWindowMinutes: number };
}

/** Bounds of pbs.calendar.overlapWindowMinutes (a day at most, as the calendar command's window). */
export const OVERLAP_WINDOW_MINUTES = { min: 1, max: 1440 } as const;

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze<Settings>({
  validation: { enable: true, workspace: true },
  inlayHints: { enable: false },
  limits: { maxDiagnostics: 1000, maxResults: 2000 },
  fileAssociations: {},
  trace: { server: 'off' },
  timeZone: '',
  calendar: { overlapHints: false, overlapWindowMinutes: 30 },
});

/** The defaults as `pbs.<dotted.name>` → value, the shape of package.json's configuration. */
export function flatDefaults(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const walk = (prefix: string, value: unknown) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length > 0 && prefix !== 'pbs.fileAssociations') {
      for (const [k, v] of Object.entries(value)) walk(`${prefix}.${k}`, v);
    } else out[prefix] = value;
  };
  walk('pbs', DEFAULT_SETTINGS);
  return out;
}

/** `raw.a.b`, or `raw['a.b']` (clients that send flat dotted keys). */
function pick(raw: unknown, path: string): unknown {
  if (raw === null || typeof raw !== 'object') return undefined;
  const obj = raw as Record<string, unknown>;
  if (Object.hasOwn(obj, path)) return obj[path];
  const dot = path.indexOf('.');
  if (dot < 0) return undefined;
  return pick(obj[path.slice(0, dot)], path.slice(dot + 1));
}

function bool(raw: unknown, path: string, fallback: boolean): boolean {
  const v = pick(raw, path);
  return typeof v === 'boolean' ? v : fallback;
}

function positiveInt(raw: unknown, path: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const v = pick(raw, path);
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= max ? v : fallback;
}

/** Reads the `pbs` section as a client sends it (nested or dotted); anything unusable → default. */
export function settingsFrom(raw: unknown): Settings {
  const d = DEFAULT_SETTINGS;
  // Accept `{ pbs: {...} }` too (initializationOptions written like a settings file).
  const section = pick(raw, 'pbs') ?? raw;
  const assoc = pick(section, 'fileAssociations');
  const fileAssociations: Record<string, string> = {};
  if (assoc !== null && typeof assoc === 'object' && !Array.isArray(assoc)) {
    for (const [glob, kind] of Object.entries(assoc)) if (typeof kind === 'string') fileAssociations[glob] = kind;
  }
  const trace = pick(section, 'trace.server');
  const timeZone = pick(section, 'timeZone');
  return {
    validation: { enable: bool(section, 'validation.enable', d.validation.enable), workspace: bool(section, 'validation.workspace', d.validation.workspace) },
    inlayHints: { enable: bool(section, 'inlayHints.enable', d.inlayHints.enable) },
    limits: {
      maxDiagnostics: positiveInt(section, 'limits.maxDiagnostics', d.limits.maxDiagnostics),
      maxResults: positiveInt(section, 'limits.maxResults', d.limits.maxResults),
    },
    fileAssociations,
    trace: { server: trace === 'messages' || trace === 'verbose' ? trace : 'off' },
    timeZone: typeof timeZone === 'string' ? timeZone.trim() : d.timeZone,
    calendar: {
      overlapHints: bool(section, 'calendar.overlapHints', d.calendar.overlapHints),
      overlapWindowMinutes: positiveInt(section, 'calendar.overlapWindowMinutes', d.calendar.overlapWindowMinutes, OVERLAP_WINDOW_MINUTES.max),
    },
  };
}

/**
 * The zone the editor computes runs in: pbs.timeZone when the runtime knows it, else undefined
 * (this machine's zone; settings-sync tells the user once about a name it does not know).
 */
export function timeZoneOf(settings: Settings): string | undefined {
  return settings.timeZone !== '' && isKnownTimeZone(settings.timeZone) ? settings.timeZone : undefined;
}
