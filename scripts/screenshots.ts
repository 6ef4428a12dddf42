/**
 * Writes docs/img/overview.png and docs/img/alert.png from the seeded scenario, in Debian's
 * chromium (set CHROMIUM_PATH elsewhere). The same harness as the browser tests, so the README
 * shows what the tests check.
 *
 *   npm run build && npx tsx scripts/screenshots.ts
 */
import { mkdirSync } from 'node:fs';
import { packagePath } from '../src/util/package-root.js';
import { launchBrowser, signIn, startDashboard, USERS } from '../test/e2e/harness.js';

const out = packagePath('docs', 'img');
mkdirSync(out, { recursive: true });
const d = await startDashboard();
const browser = await launchBrowser().catch(async (e: unknown) => {
  await d.close();
  throw e;
});
try {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1440, height: 1400 });
  await signIn(page, d.server.url, USERS.analyst);
  await page.locator('[data-panel="team_usage"] canvas').first().waitFor();
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${out}/overview.png`, fullPage: true });
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto(`${d.server.url}/#/alerts/alert-1`);
  await page.getByRole('button', { name: 'Acknowledge' }).click();
  await page.getByTestId('alert-status').filter({ hasText: 'acknowledged' }).waitFor();
  await page.getByRole('button', { name: 'Block identity' }).click();
  await page.getByTestId('enforcement').first().waitFor();
  await page.screenshot({ path: `${out}/alert.png`, fullPage: false });
  console.log(`wrote ${out}/overview.png and ${out}/alert.png`);
} finally {
  await browser.close();
  await d.close();
}
