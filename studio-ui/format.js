// @ts-check
// How dates, durations and counts read on the page. The API sends ISO strings; people read
// local time, to the minute (seconds only where a wait is being counted down).

const pad = (/** @type {number} */ n) => String(n).padStart(2, '0');

/** `2026-12-30 10:00` in local time; "—" when absent. @param {string | undefined} iso */
export function dateTime(iso) {
  if (iso === undefined || iso === null) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** `14:05:00` in local time. @param {string} iso */
export function clockTime(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** `about 3 s`, `about 2 min`, `about 1 h 5 min`. @param {number} ms */
export function duration(ms) {
  const seconds = Math.max(1, Math.round(ms / 1000));
  if (seconds < 60) return `about ${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `about ${minutes} min`;
  return `about ${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** `1 item`, `250 items`. @param {number} n @param {string} word @param {string} [many] */
export function plural(n, word, many = `${word}s`) {
  return `${n} ${n === 1 ? word : many}`;
}

/** A 0..1 share as a percent a person can compare: `0.3%`, `<0.1%`, `125%`. @param {number} share */
export function percent(share) {
  const value = share * 100;
  if (value > 0 && value < 0.1) return '<0.1%';
  return `${value < 10 ? Math.round(value * 10) / 10 : Math.round(value)}%`;
}

/** @param {number | undefined} n */
export function count(n) {
  return n === undefined || n === null ? '—' : String(n);
}
