import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { type BrowserContext, type Page, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, goodPassword, startTestApp, uniqueEmail } from '../support/test-app.js';

/** Debian's chromium package; the test never downloads a browser. */
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const pageFolder = fileURLToPath(new URL('./page/', import.meta.url));

/** Serves the sign-in page beside the API on one origin, as a same-origin web client is. */
function serveWithPage(testApp: TestApp): Promise<Server> {
  const site = express();
  site.get(['/', '/sign-in.js'], (request, response) => {
    // The API's own CSP allows nothing; the page needs its script from the same origin.
    response.set('Content-Security-Policy', "default-src 'self'; base-uri 'none'");
    response.sendFile(request.path === '/' ? 'index.html' : 'sign-in.js', { root: pageFolder });
  });
  site.use(testApp.app);
  return new Promise((resolve) => {
    const server = site.listen(0, '127.0.0.1', () => {
      resolve(server);
    });
  });
}

describe('a real browser', () => {
  // Left undefined when Chromium is missing, so afterAll cleans up only what was started.
  let testApp: TestApp | undefined;
  let server: Server | undefined;
  let browser: BrowserContext | undefined;
  let page: Page;
  let profileFolder: string | undefined;

  beforeAll(async () => {
    if (!existsSync(chromiumPath)) {
      throw new Error(
        `Chromium is not installed at ${chromiumPath}: install it (apt-get install -y chromium) or set CHROMIUM_PATH. The browser test never downloads one.`,
      );
    }
    testApp = await startTestApp();
    server = await serveWithPage(testApp);
    profileFolder = mkdtempSync(join(tmpdir(), 'chromium-profile-'));
    // A persistent context is how Playwright takes a fresh --user-data-dir of our own.
    browser = await chromium.launchPersistentContext(profileFolder, {
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
    page = await browser.newPage();
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    await testApp?.close();
    if (profileFolder !== undefined) rmSync(profileFolder, { recursive: true, force: true });
  });

  async function statusAfter(action: () => Promise<void>, expected: RegExp): Promise<string> {
    await action();
    const status = page.locator('#status');
    await expect.poll(() => status.textContent(), { timeout: 10_000 }).toMatch(expected);
    return (await status.textContent()) ?? '';
  }

  it('registers, signs in, reads /auth/me, makes a CSRF-protected call and signs out', async () => {
    const { port } = server?.address() as AddressInfo;
    const email = uniqueEmail('browser');
    await page.goto(`http://127.0.0.1:${port}/`);
    await expect.poll(() => page.locator('#status').textContent()).toBe('ready');

    await page.fill('input[name=email]', email);
    await page.fill('input[name=password]', goodPassword);
    await statusAfter(() => page.click('button[value=register]'), /^register 201 /);
    await statusAfter(() => page.click('button[value=login]'), new RegExp(`^login 200 ${email}`));

    const cookies = await page.context().cookies();
    const session = cookies.find((cookie) => cookie.name === 'sid');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    // HttpOnly: the page's own script cannot read the session cookie.
    expect(await page.evaluate('document.cookie')).toBe('');

    await statusAfter(() => page.click('#me'), new RegExp(`^me 200 ${email}`));

    // A state-changing call without the token is refused, from the same page and cookie.
    const withoutToken = await page.evaluate(async () => {
      const response = await fetch('/auth/logout', { method: 'POST' });
      return { status: response.status, body: (await response.json()) as { code: string } };
    });
    expect(withoutToken).toEqual({
      status: 403,
      body: expect.objectContaining({ code: 'csrf_failed' }),
    });

    await statusAfter(() => page.click('#logout'), /^logout 204$/);
    await statusAfter(() => page.click('#me'), /^me 401 /);
  });
});
