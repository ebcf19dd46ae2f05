// The README's screenshots, taken in headless Chromium from the running demo (`npm start`):
//   `node scripts/screenshot.mjs [url] [out.png]`: the demo page (default docs/screenshot.png);
//   `node scripts/screenshot.mjs --moderation [url] [out.png]`: the moderation page, reached
//   from the demo page as the demo moderator, on its pending queue (default docs/moderation.png).
import puppeteer from 'puppeteer-core';
import { chromiumPath, CHROMIUM_FLAGS } from './chromium.mjs';

const moderation = process.argv[2] === '--moderation';
const [url = 'http://127.0.0.1:8080/', out = moderation ? 'docs/moderation.png' : 'docs/screenshot.png'] =
  process.argv.slice(moderation ? 3 : 2);
const browser = await puppeteer.launch({ executablePath: chromiumPath(), args: CHROMIUM_FLAGS, headless: true });
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 900, height: moderation ? 1000 : 1200 });
  // networkidle2: the live comments keep a stream open.
  await page.goto(url, { waitUntil: 'networkidle2' });
  if (moderation) {
    await Promise.all([page.waitForNavigation(), page.locator('#demo-moderator-sign-in').click()]);
    await page.waitForSelector('news-moderation >>> .list > .comment', { timeout: 30_000 });
    await page.waitForNetworkIdle({ concurrency: 2 });
  }
  await page.screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
}
