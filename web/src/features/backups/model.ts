// The backups page's client logic, kept pure for its tests: the days of a location's B1 duty to
// show, the latest runs, sizes and rates as people read them, and the curl line a backup job
// reports with (the one docs/operations.md gives).
import type { Schemas } from '../../api/client';

export type BackupRun = Schemas['BackupRun'];
type Duty = Schemas['ProgrammeDuty'];

/** B1: the duties of a location's last `n` days up to `now`, oldest first (the server already
 *  lists tomorrow's, which has not started). */
export function recentDays(duties: readonly Duty[], location: string, n: number, now: number): Duty[] {
  return duties.filter((d) => d.rule === 'B1' && d.subject === location && Date.parse(d.starts) <= now).slice(-n);
}

/** The latest `n` runs, newest first (the API lists them in the order recorded). */
export function latestRuns(runs: readonly BackupRun[], n: number): BackupRun[] {
  return [...runs].sort((a, b) => Date.parse(b.finished_at) - Date.parse(a.finished_at)).slice(0, n);
}

/** Bytes as people read them, in powers of 1024: 123456789 → "117.7 MiB". */
export function sizeOf(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** A success rate in per mille (as the API gives it) as a percentage: 667 → "66.7 %". */
export function percentOf(perMille: number): string {
  return `${Math.floor(perMille / 10)}${perMille % 10 ? `.${perMille % 10}` : ''} %`;
}

/** The curl line with which a backup job reports a run to `origin` for `location`. */
export function curlLine(origin: string, location: string): string {
  return [
    `curl -fsS -H "Authorization: Bearer $PACTUM_TOKEN" -H 'Content-Type: application/json' \\`,
    `  -d "{\\"location\\":\\"${location}\\",\\"started_at\\":\\"$START\\",\\"finished_at\\":\\"$(date -u +%FT%TZ)\\",`,
    `       \\"size\\":$(stat -c %s "$ARTEFACT"),\\"sha256\\":\\"$(sha256sum "$ARTEFACT" | cut -d' ' -f1)\\",`,
    `       \\"result\\":\\"success\\"}" \\`,
    `  ${origin}/api/v1/backups/runs`,
  ].join('\n');
}
