import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signIn, startDashboard, USERS, type Dashboard } from './harness.js';
import { INJECTION_PROMPT } from './scenario.js';

const PANELS = [
  'content_filter_blocks',
  'tokens_by_identity',
  'callers',
  'error_rate_by_model',
  'cost_burn_rate',
  'access_denied',
  'suspicious_prompts',
  'changes',
  'model_performance',
  'team_usage',
];

describe('dashboard in a real browser', () => {
  let d: Dashboard;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let context: BrowserContext;
  let page: Page;
  const cspViolations: string[] = [];

  beforeAll(async () => {
    d = await startDashboard();
    browser = await launchBrowser();
    context = browser.context;
    page = await context.newPage();
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });
  });
  afterAll(async () => {
    await browser?.close();
    await d?.close();
  });

  it('signs in and renders every overview panel with data and its thresholds', async () => {
    await signIn(page, d.server.url, USERS.analyst);
    for (const id of PANELS) {
      const panel = page.locator(`[data-panel="${id}"]`);
      await panel.waitFor();
      expect(await panel.locator('.empty').count(), id).toBe(0);
      expect(await panel.locator('footer.thresholds').count(), id).toBe(1);
    }
    // Charts are canvases drawn by uPlot; the gauge is SVG; tables have rows.
    for (const id of [
      'content_filter_blocks',
      'tokens_by_identity',
      'error_rate_by_model',
      'access_denied',
      'team_usage',
    ])
      await page.locator(`[data-panel="${id}"] canvas`).first().waitFor();
    await page.locator('[data-panel="cost_burn_rate"] svg.gauge').waitFor();
    expect(Number(await page.getByTestId('unique-callers').textContent())).toBeGreaterThanOrEqual(5);
    expect(Number(await page.getByTestId('new-callers').textContent())).toBeGreaterThanOrEqual(1);
    expect(await page.locator('[data-panel="suspicious_prompts"] tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-panel="changes"] li').count()).toBe(2);
    // The attack is past the warning line for blocks (15 per hour).
    expect(await page.locator('[data-panel="access_denied"]').getAttribute('data-level')).not.toBe('ok');
    // Nothing revealed yet: the prompt is not in the page.
    expect(await page.content()).not.toContain(INJECTION_PROMPT);
    await page.getByRole('button', { name: '7d' }).click();
    await page.locator('[data-panel="content_filter_blocks"] canvas').first().waitFor();
  });

  it('reveals content as an analyst, on request only', async () => {
    const row = page.locator('[data-panel="suspicious_prompts"] tbody tr').first();
    await row.getByRole('button', { name: 'Reveal content' }).click();
    await expect.poll(() => row.getByTestId('revealed-content').textContent()).toContain(INJECTION_PROMPT);
    await row.getByRole('button', { name: 'Hide' }).click();
    expect(await page.content()).not.toContain(INJECTION_PROMPT);
  });

  it('opens an alert, acknowledges it, comments, and applies an expiring block', async () => {
    await page.getByRole('link', { name: 'Alerts' }).click();
    await page.getByRole('link', { name: 'Active prompt injection campaign' }).click();
    await expect.poll(() => page.getByTestId('alert-status').textContent()).toBe('open');
    await page.getByText('AML.T0051').waitFor();
    await page.getByRole('button', { name: 'Acknowledge' }).click();
    await expect.poll(() => page.getByTestId('alert-status').textContent()).toBe('acknowledged');
    await page.getByLabel('Comment').fill('Key used from an unknown address; blocking.');
    await page.getByRole('button', { name: 'Comment' }).click();
    await page.getByText('Key used from an unknown address; blocking.').waitFor();
    await page.getByRole('button', { name: 'Block identity' }).click();
    await expect
      .poll(() => page.getByTestId('enforcement').first().textContent())
      .toContain('block_identity mallory-stolen-key');
    expect(await page.getByTestId('enforcement').first().textContent()).toContain('expires');
    // Evidence events are listed with their metadata.
    expect(await page.getByTestId('event-detail').count()).toBeGreaterThan(0);
  });

  it('searches events and shows a trace as a tree with timings', async () => {
    await page.goto(`${d.server.url}/#/search`);
    await page.getByLabel('Caller').fill('mallory-stolen-key');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.locator('table.results tbody tr').first().waitFor();
    expect(await page.locator('table.results tbody tr').count()).toBe(50);
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect.poll(() => page.locator('table.results tbody tr').count()).toBe(60);
    await page.locator('table.results tbody tr').first().click();
    await page.getByTestId('event-detail').waitFor();
    await page.goto(`${d.server.url}/#/trace/${d.traceId}`);
    await page.locator('ol.trace li').first().waitFor();
    const labels = await page.locator('ol.trace li .kind').allTextContents();
    expect(labels).toEqual(['llm.call', 'retrieval', 'tool.call', 'egress']);
    expect(await page.locator('ol.trace li.depth-2').count()).toBe(1); // egress under the tool call
  });

  it('refuses content to FinOps, in the page and at the API', async () => {
    await context.clearCookies();
    await signIn(page, d.server.url, USERS.finops);
    const row = page.locator('[data-panel="suspicious_prompts"] tbody tr').first();
    await row.waitFor();
    expect(await row.getByRole('button', { name: 'Reveal content' }).count()).toBe(0);
    expect(await row.getByTestId('content-restricted').count()).toBe(1);
    const id = await row.getAttribute('data-event-id');
    const status = await page.evaluate(
      async (eventId) => (await fetch(`/v1/events/${eventId}/content`)).status,
      id,
    );
    expect(status).toBe(403);
    expect(await page.content()).not.toContain(INJECTION_PROMPT);
    expect(await page.getByRole('link', { name: 'Alerts' }).count()).toBe(0);
  });

  it('ran under the strict CSP without violations', () => {
    expect(cspViolations).toEqual([]);
  });
});
