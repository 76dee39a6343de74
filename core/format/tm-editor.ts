// proxmox-time's TmEditor (proxmox-time/src/tm_editor.rs): the next-event search's cursor, a
// `struct tm` that the zone's clock normalizes after every change as glibc's mktime() does
// (zone-clock.ts tells why that matters around daylight-saving changes).
import type { Tm, ZoneClock } from './zone-clock.ts';

/** proxmox-time's TmEditor: a `struct tm` kept normalized by the C library after each change. */
export class TmEditor {
  private tm: Tm;
  constructor(
    private readonly clock: ZoneClock,
    epoch: number,
  ) {
    this.tm = clock.toTm(epoch);
  }
  private normalize(next: Tm): boolean {
    const t = this.clock.fromTm(next);
    if (t === null) return false;
    this.tm = this.clock.toTm(t);
    return true;
  }
  get year() {
    return this.tm.year;
  }
  get month() {
    return this.tm.mon + 1;
  }
  get day() {
    return this.tm.mday;
  }
  get hour() {
    return this.tm.hour;
  }
  get min() {
    return this.tm.min;
  }
  get sec() {
    return this.tm.sec;
  }
  /** Monday = 0 ... Sunday = 6. */
  get dayNum() {
    return (this.tm.wday + 6) % 7;
  }
  addYears(n: number): boolean {
    return n === 0 || this.normalize({ ...this.tm, year: this.tm.year + n, mon: 0, mday: 1, hour: 0, min: 0, sec: 0 });
  }
  addMonths(n: number): boolean {
    return n === 0 || this.normalize({ ...this.tm, mon: this.tm.mon + n, mday: 1, hour: 0, min: 0, sec: 0 });
  }
  addDays(n: number): boolean {
    return n === 0 || this.normalize({ ...this.tm, mday: this.tm.mday + n, hour: 0, min: 0, sec: 0 });
  }
  setTime(hour: number, min: number, sec: number): boolean {
    return this.normalize({ ...this.tm, hour, min, sec });
  }
  setMinSec(min: number, sec: number): boolean {
    return this.normalize({ ...this.tm, min, sec });
  }
  setSec(sec: number): boolean {
    return this.normalize({ ...this.tm, sec });
  }
  intoEpoch(): number | null {
    return this.clock.fromTm(this.tm);
  }
}
