import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { createDashboardUser } from '../../src/dashboard/users.js';
import { defaultModules } from '../../src/server-modules.js';
import { runScenario } from '../../src/simulate/run.js';
import { scenarioByName } from '../../src/simulate/scenarios.js';
import { silentLogger } from '../../src/util/logger.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { seedScenario } from './scenario.js';

export const PASSWORD = 'correct horse battery staple';
export const USERS = { analyst: 'ana', finops: 'fin', admin: 'root' } as const;

export interface Dashboard {
  server: TestServer;
  traceId: string;
  close(): Promise<void>;
}

/** A server with the seeded scenario and one local user per role used by the browser tests. */
export async function startDashboard(): Promise<Dashboard> {
  const server = await startTestServer(
    { content_logging: { enabled: true } },
    { log: silentLogger, modules: defaultModules() },
  );
  const { traceId } = await seedScenario(server.ctx);
  // Real alerts: the attack simulation goes through the ingest API and the rules engine.
  // Half an hour back, so the seeded events stay the newest rows of the overview panels.
  await runScenario(
    scenarioByName('prompt-injection-campaign')!,
    { url: server.url, key: server.key('ingest') },
    { now: Date.now() - 30 * 60_000 },
  );
  for (const [role, name] of Object.entries(USERS))
    await createDashboardUser(server.ctx.store, {
      name,
      role,
      password: PASSWORD,
      team: role === 'finops' ? 'finance' : undefined,
    });
  return { server, traceId, close: () => server.close() };
}

/**
 * Debian's chromium, headless, with a throwaway profile (playwright wants the profile as
 * `launchPersistentContext`'s argument rather than `--user-data-dir`); it never downloads a browser.
 */
export async function launchBrowser(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'sightline-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1440, height: 1000 },
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
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function signIn(page: Page, url: string, name: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('who').waitFor();
}
