// `node scripts/screenshot.mjs [url] [out.png]`: the README's screenshot,
// taken in headless Chromium from the running demo (`npm start`).
import puppeteer from 'puppeteer-core';
import { chromiumPath, CHROMIUM_FLAGS } from './chromium.mjs';

const [url = 'http://localhost:8080/', out = 'docs/screenshot.png'] = process.argv.slice(2);
const browser = await puppeteer.launch({ executablePath: chromiumPath(), args: CHROMIUM_FLAGS, headless: true });
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 900, height: 1200 });
  await page.goto(url, { waitUntil: 'networkidle0' });
  await page.screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
}
