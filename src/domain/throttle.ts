// Login throttling rules: pure arithmetic over failure times (milliseconds, newest first).

export const LOCK_WINDOW_MS = 15 * 60 * 1000;
export const LOCK_AFTER = 5;
export const HOUR_MS = 60 * 60 * 1000;
export const HOURLY_CAP = 100;

/**
 * How long (ms) until another attempt may be processed, or 0 when it may be now.
 * `limit` failures inside `windowMs` lock until the oldest of them leaves the window.
 */
export function lockRemaining(
  failuresNewestFirst: number[],
  nowMs: number,
  limit: number,
  windowMs: number,
): number {
  const inWindow = failuresNewestFirst.filter((at) => at > nowMs - windowMs);
  if (inWindow.length < limit) return 0;
  const oldestCounted = inWindow[limit - 1] as number;
  return Math.max(0, oldestCounted + windowMs - nowMs);
}

/** The longest lock among the account's and the IP's failures (ms; 0 = not locked). */
export function loginLock(account: number[], ip: number[], nowMs: number): number {
  return Math.max(
    lockRemaining(account, nowMs, LOCK_AFTER, LOCK_WINDOW_MS),
    lockRemaining(ip, nowMs, LOCK_AFTER, LOCK_WINDOW_MS),
    lockRemaining(account, nowMs, HOURLY_CAP, HOUR_MS),
  );
}
