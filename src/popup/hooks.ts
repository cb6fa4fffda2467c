import { useEffect, useState } from 'preact/hooks';

/**
 * `Date.now()`, re-read every `periodMs`. Read from `Date.now()` (never cached elsewhere) so
 * a test that fixes the clock (Playwright's page.clock, vi.setSystemTime) fixes what is shown.
 */
export function useNow(periodMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), periodMs);
    return () => clearInterval(id);
  }, [periodMs]);
  return now;
}
