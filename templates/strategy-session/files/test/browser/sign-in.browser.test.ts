import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import express from 'express';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestBrowser, checkChromium, launchChromium } from '../support/chromium.js';
import { type TestApp, goodPassword, startTestApp, uniqueEmail } from '../support/test-app.js';

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
  let browser: TestBrowser | undefined;
  let page: Page;

  beforeAll(async () => {
    checkChromium();
    testApp = await startTestApp();
    server = await serveWithPage(testApp);
    browser = await launchChromium();
    page = await browser.context.newPage();
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    await testApp?.close();
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
