/** Finding and starting the system Chromium. We never download a browser. */
import { accessSync, constants } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

export const INSTALL_HINT =
  'Consent Lens needs Chromium: install it (Debian/Ubuntu: sudo apt-get install -y chromium) or set CHROME_PATH to a Chrome or Chromium binary.';

export class MissingBrowserError extends Error {
  constructor(detail: string) {
    super(`${detail} ${INSTALL_HINT}`);
    this.name = 'MissingBrowserError';
  }
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** CHROME_PATH when set (and then only it), else the usual install places. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const wanted = env.CHROME_PATH?.trim();
  if (wanted) {
    if (executable(wanted)) return wanted;
    throw new MissingBrowserError(`CHROME_PATH is set to ${wanted}, which is not an executable file.`);
  }
  const found = CANDIDATES.find(executable);
  if (!found) throw new MissingBrowserError('No Chrome or Chromium was found.');
  return found;
}

/** Flags that keep a headless browser from talking to the network on its own. */
export const QUIET_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--hide-scrollbars',
  '--font-render-hinting=none',
];

export async function launchChromium(): Promise<Browser> {
  const executablePath = findChromium();
  return chromium.launch({ executablePath, headless: true, args: QUIET_FLAGS });
}
