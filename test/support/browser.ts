import { existsSync } from 'node:fs';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/** Screenshots and other browser artifacts: kept after the run, ignored by git. */
export const ARTIFACTS_DIR = new URL('../../test-artifacts/', import.meta.url).pathname;

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface TestBrowser {
  browser: Browser;
  /** a fresh phone-sized context (mid-range Android: 412×915 CSS px) */
  phone(opts?: { colorScheme?: 'light' | 'dark' }): Promise<BrowserContext>;
  close(): Promise<void>;
}

/**
 * Debian's headless Chromium, driven by playwright-core; every launch gets a fresh temporary
 * profile. A machine without it fails here, loudly: the browser suite must never pass by
 * skipping (CI installs the chromium package, see .ci/run).
 */
export async function launchBrowser(): Promise<TestBrowser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: apt-get install chromium fonts-noto-cjk (as .ci/run does)`);
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  return {
    browser,
    phone: (opts = {}) =>
      browser.newContext({
        viewport: { width: 412, height: 915 },
        isMobile: true,
        hasTouch: true,
        colorScheme: opts.colorScheme ?? 'light',
        locale: 'zh-CN',
      }),
    close: () => browser.close(),
  };
}
