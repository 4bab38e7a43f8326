import { useEffect, useState } from 'preact/hooks';

/** The current time, refreshed every `intervalMs` so waits and countdowns move on their own. */
export function useNow(intervalMs: number): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
