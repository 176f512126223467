// The built page (web/dist) served by Vite's preview server, and Debian's
// Chromium driven by playwright-core, with every request and console error
// of the page recorded for the checks.

import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface Session {
  readonly base: string;
  readonly browser: Browser;
  newPage(opts?: { width?: number; height?: number; hash?: string }): Promise<Tracked>;
  close(): Promise<void>;
}

export interface Tracked {
  readonly page: Page;
  readonly context: BrowserContext;
  /** Console errors and uncaught exceptions. */
  readonly errors: string[];
  /** Every URL the page requested. */
  readonly requests: string[];
}

export async function start(): Promise<Session> {
  const server: PreviewServer = await preview({
    configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
    preview: { port: 0, host: '127.0.0.1', strictPort: false, open: false },
    logLevel: 'silent',
  });
  const addr = server.httpServer.address();
  if (addr === null || typeof addr === 'string') throw new Error('the preview server has no port');
  const base = `http://127.0.0.1:${addr.port}/`;
  // playwright gives each launch a fresh, temporary user data dir
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  return {
    base,
    browser,
    async newPage({ width = 1280, height = 900, hash = '' } = {}) {
      const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1 });
      const page = await context.newPage();
      const errors: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(String(e)));
      context.on('request', (r) => requests.push(r.url()));
      await page.goto(base + (hash ? `#${hash}` : ''));
      await page.waitForSelector('#view', { state: 'attached' });
      return { page, context, errors, requests };
    },
    async close() {
      await browser.close();
      await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
    },
  };
}
