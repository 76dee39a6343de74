// Control characters shown as text. A PBS file, a key file's hint, a certificate's subject or a
// file name can hold ESC, BEL or a C1 control (CSI, OSC); printed raw, they clear the screen, set
// the terminal's title or move the cursor to forge a line ("fingerprint OK"). Every front shows
// them escaped: C0 controls as `\xHH` (tab as `\t`), DEL and the C1 block as `\u00HH`.
//
// `\u00HH` for DEL and C1 is deliberate: JSON.stringify escapes C0 but leaves DEL and C1 raw, and
// `\u007f` is a valid JSON escape of the very same character, so escaping JSON text for the
// terminal keeps it valid JSON with the same values (`\x7f` would not be valid JSON).

// C0 (U+0000–U+001F), DEL (U+007F), C1 (U+0080–U+009F).
const CONTROL = /[\x00-\x1f\x7f-\x9f]/g;
const CONTROL_BUT_LINES = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

function escapeOne(c: string): string {
  const code = c.charCodeAt(0);
  if (c === '\t') return '\\t';
  const hex = code.toString(16).padStart(2, '0');
  return code < 0x20 ? `\\x${hex}` : `\\u00${hex}`;
}

/**
 * A value shown inside a line of text (an id, a hint, a subject, a path): every control character
 * escaped, newline and tab included, so the value stays on its line and cannot forge another.
 */
export function escapeControls(text: string): string {
  return text.replace(CONTROL, escapeOne);
}

/** A value in single quotes inside a message, its control characters escaped (escapeControls). */
export function quoted(text: string): string {
  return `'${escapeControls(text)}'`;
}

/**
 * Whole lines of output on their way to a terminal or file: every control character escaped but
 * newline and tab, which only lay the text out. The last line of defence of a front's output;
 * values that may hold a newline of their own are escaped with escapeControls when the line is made.
 */
export function escapeControlsKeepingLines(text: string): string {
  return text.replace(CONTROL_BUT_LINES, escapeOne);
}
