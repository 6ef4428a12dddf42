import { dashboardModule } from './dashboard/module.js';
import { gatewayModule } from './gateway/module.js';
import { rulesModule } from './rules/module.js';
import type { ServerModule } from './server-context.js';

/**
 * The features `sightline serve` runs, in mount order. Each capability (gateway, OTLP receiver,
 * rules engine, dashboard, retention) adds its module here.
 */
export function defaultModules(): ServerModule[] {
  return [gatewayModule(), rulesModule(), dashboardModule()];
}
