/**
 * HTTP-date parsing (RFC 9110 §5.6.7). `Date.parse` is not used because it reads asctime dates
 * (which carry no zone) in the machine's local time zone, and accepts many non-HTTP forms, so a
 * Retry-After would mean different waits on different machines.
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

// Sun, 06 Nov 1994 08:49:37 GMT
const IMF_FIXDATE = /^[A-Za-z]{3}, (\d{2}) ([A-Za-z]{3}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
// Sunday, 06-Nov-94 08:49:37 GMT
const RFC_850 = /^[A-Za-z]{6,9}, (\d{2})-([A-Za-z]{3})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
// Sun Nov  6 08:49:37 1994
const ASCTIME = /^[A-Za-z]{3} ([A-Za-z]{3}) ([ \d]\d) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/;

function utc(year: number, monthName: string, day: number, h: number, m: number, s: number): number | undefined {
  const month = MONTHS.indexOf(monthName.toLowerCase());
  if (month < 0 || day < 1 || day > 31 || h > 23 || m > 59 || s > 60) return undefined;
  const time = Date.UTC(year, month, day, h, m, s);
  // Date.UTC rolls 31 Feb over into March; a real date round-trips.
  return new Date(time).getUTCDate() === day ? time : undefined;
}

/** Milliseconds since the epoch for an HTTP-date in any of its three forms, else undefined. */
export function parseHttpDate(text: string, now: number): number | undefined {
  const value = text.trim();
  let match = IMF_FIXDATE.exec(value);
  if (match) {
    const [, d, mon, y, h, m, s] = match;
    return utc(Number(y), mon!, Number(d), Number(h), Number(m), Number(s));
  }
  match = RFC_850.exec(value);
  if (match) {
    const [, d, mon, yy, h, m, s] = match;
    // A two-digit year more than 50 years ahead means the most recent past century (RFC 9110).
    const currentYear = new Date(now).getUTCFullYear();
    let year = Math.floor(currentYear / 100) * 100 + Number(yy);
    if (year > currentYear + 50) year -= 100;
    return utc(year, mon!, Number(d), Number(h), Number(m), Number(s));
  }
  match = ASCTIME.exec(value);
  if (match) {
    const [, mon, d, h, m, s, y] = match;
    return utc(Number(y), mon!, Number(d!.trim()), Number(h), Number(m), Number(s));
  }
  return undefined;
}
