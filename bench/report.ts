/**
 * Printing: sections, rows and the targets. A target is informational: MISS is
 * reported, never turned into a failing exit code (speed on a shared machine is no verdict).
 */

export interface Verdict {
  section: string;
  target: string;
  measured: string;
  pass: boolean;
}

const verdicts: Verdict[] = [];
let current = '';

export function section(title: string, note?: string): void {
  current = title;
  console.log(`\n${title}`);
  if (note !== undefined) console.log(`  (${note})`);
}

export function row(label: string, ...columns: string[]): void {
  console.log(`  ${label.padEnd(44)} ${columns.join('   ')}`);
}

export function line(text: string): void {
  console.log(`  ${text}`);
}

/** Prints `target: measured → PASS|MISS` and keeps it for the closing summary. */
export function target(text: string, measured: string, pass: boolean): void {
  verdicts.push({ section: current, target: text, measured, pass });
  console.log(`  target ${text}: ${measured} → ${pass ? 'PASS' : 'MISS'}`);
}

export function printSummary(): void {
  if (verdicts.length === 0) return;
  console.log('\nTargets (informational; the bench never fails on speed)');
  for (const v of verdicts) console.log(`  ${v.pass ? 'PASS' : 'MISS'}  ${v.target.padEnd(44)} ${v.measured}`);
}
