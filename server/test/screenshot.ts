import type { Page, PageScreenshotOptions } from 'playwright-core';

const ATTEMPTS = 4;

/**
 * A screenshot for people to look at (never an assertion). Chromium now and then answers "Unable
 * to capture screenshot" for a page whose frame is not composited yet (seen on a new tab opened
 * beside another context): asked again a few times before it counts as a failure.
 */
export async function screenshot(page: Page, options: PageScreenshotOptions): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await page.screenshot(options);
      return;
    } catch (err) {
      const transient = String((err as Error).message).includes('Unable to capture screenshot');
      if (!transient || attempt >= ATTEMPTS) throw err;
      await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
    }
  }
}
