import { dashboardModule } from './dashboard/module.js';
import { changeAuditModule } from './governance/change-audit.js';
import { retentionModule } from './governance/module.js';
import { gatewayModule } from './gateway/module.js';
import { rulesModule } from './rules/module.js';
import { otlpModule } from './otlp/receiver.js';
import type { ServerModule } from './server-context.js';

/**
 * The features `sightline serve` runs, in mount order. Each capability (gateway, OTLP receiver,
 * rules engine, dashboard, retention) adds its module here.
 */
export function defaultModules(): ServerModule[] {
  return [
    gatewayModule(),
    otlpModule(),
    rulesModule(),
    dashboardModule(),
    retentionModule(),
    changeAuditModule(),
  ];
}
