#!/usr/bin/env node
// Renders media/retrac.png (128×128, the Marketplace icon) from an inline SVG with headless
// Chromium, so the icon needs no image tool. Run once after changing the drawing:
//   node test/harness/make-icon.mjs
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';

const repo = path.resolve(import.meta.dirname, '../..');
// Stacked inventory boxes on a rounded tile, with a keyhole on the front box.
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128">
  <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#2563eb"/><stop offset="1" stop-color="#0f766e"/></linearGradient></defs>
  <rect x="4" y="4" width="120" height="120" rx="26" fill="url(#g)"/>
  <rect x="24" y="26" width="36" height="30" rx="4" fill="#dbeafe"/>
  <rect x="68" y="26" width="36" height="30" rx="4" fill="#ccfbf1"/>
  <rect x="36" y="62" width="56" height="42" rx="5" fill="#ffffff"/>
  <circle cx="64" cy="78" r="6" fill="#1e3a8a"/>
  <path d="M61 80 h6 l2 14 h-10 z" fill="#1e3a8a"/>
</svg>`;
const tmp = mkdtempSync(path.join(repo, '.vscode-test', 'icon-'));
const browser = await chromium.launchPersistentContext(tmp, {
  executablePath: process.env.RETRAC_CHROMIUM ?? '/usr/bin/chromium', headless: true,
  viewport: { width: 128, height: 128 }, args: ['--no-sandbox', '--disable-gpu'],
  env: { ...process.env, HOME: tmp, XDG_CONFIG_HOME: tmp, XDG_CACHE_HOME: tmp, TMPDIR: tmp },
});
try {
  const page = browser.pages()[0] ?? (await browser.newPage());
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.screenshot({ path: path.join(repo, 'media/retrac.png'), omitBackground: true, clip: { x: 0, y: 0, width: 128, height: 128 } });
} finally {
  await browser.close();
  rmSync(tmp, { recursive: true, force: true });
}
console.log('wrote media/retrac.png');
