/** Stops `npm test` with one clear line when no Chromium is installed (the browser tests need it). */
import { findChromium, MissingBrowserError } from '../src/cli/chromium';

try {
  findChromium();
} catch (e) {
  if (!(e instanceof MissingBrowserError)) throw e;
  process.stderr.write(`consent-lens: ${e.message}\n`);
  process.exit(3);
}
