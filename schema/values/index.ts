// The value kinds, in the order they are asked (the first whose `matches` holds is the kind of a
// schema's values). A new kind is one module of schema/values/ and one line here.
import type { PbsSchema } from '../registry.ts';
import { boolean } from './boolean.ts';
import { calendarEvent } from './calendar-event.ts';
import { enumKind } from './enum.ts';
import { epoch } from './epoch.ts';
import { fingerprint } from './fingerprint.ts';
import { mediaRetentionPolicy } from './media-retention-policy.ts';
import { mediaSetPolicy } from './media-set-policy.ts';
import { reference } from './reference.ts';
import { requestRate } from './request-rate.ts';
import { size } from './size.ts';
import { timeSpan } from './time-span.ts';
import type { ValueKind } from './value-kind.ts';

export const VALUE_KINDS: readonly ValueKind[] = [reference, enumKind, boolean, size, calendarEvent, mediaSetPolicy, mediaRetentionPolicy, timeSpan, epoch, requestRate, fingerprint];

/** The kind of the values of `schema`, or undefined for a plain value (its key's documentation says it all). */
export function valueKindOf(schema: PbsSchema): ValueKind | undefined {
  for (const kind of VALUE_KINDS) if (kind.matches(schema)) return kind;
  return undefined;
}

/** Words for an `x-pbs-unit` in a key's hover. */
export function unitWords(unit: string): string {
  for (const kind of VALUE_KINDS) if (kind.units && Object.hasOwn(kind.units, unit)) return kind.units[unit];
  return unit;
}

export type { ValueCandidate, ValueCompletion, ValueHover, ValueInlayHint, ValueKind } from './value-kind.ts';
export { enumMeaning } from './enum.ts';
export { refTarget } from './reference.ts';
