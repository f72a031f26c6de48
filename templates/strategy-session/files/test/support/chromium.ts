import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

/** Debian's chromium package; the browser tests never download a browser. */
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** A headless Chromium with a fresh profile of its own. */
export interface TestBrowser {
  context: BrowserContext;
  /** Closes the browser and removes its profile. */
  close(): Promise<void>;
}

/** Fails at once, with the fix, when Chromium is not installed. */
export function checkChromium(): void {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `Chromium is not installed at ${chromiumPath}: install it (apt-get install -y chromium) or set CHROMIUM_PATH. The browser test never downloads one.`,
    );
  }
}

/** Starts Chromium headless on a new profile folder. */
export async function launchChromium(): Promise<TestBrowser> {
  checkChromium();
  const profileFolder = mkdtempSync(join(tmpdir(), 'chromium-profile-'));
  // A persistent context is how Playwright takes a fresh --user-data-dir of our own.
  const context = await chromium.launchPersistentContext(profileFolder, {
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profileFolder, { recursive: true, force: true });
    },
  };
}
