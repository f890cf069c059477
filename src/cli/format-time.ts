import { homedir } from "node:os";
import { sep } from "node:path";

/** `2026-03-01T13:00:00Z`: the cache's own format (whole seconds, UTC), so users can compare. */
function formatTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** `10:00` or `1:02:03`: a countdown a user reads at a glance. */
function formatDuration(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, "0");
  return hours > 0
    ? `${hours}:${String(minutes).padStart(2, "0")}:${seconds}`
    : `${minutes}:${seconds}`;
}

/** A path under the home folder as `~/...`, which is shorter and does not name the user. */
function displayPath(path: string, home: string = homedir()): string {
  return home && path.startsWith(home + sep) ? `~${path.slice(home.length)}` : path;
}

export { formatTime, formatDuration, displayPath };
