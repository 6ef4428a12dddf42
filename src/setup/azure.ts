import { z } from 'zod';
import { hcl, json, shq, type Section, type SetupProvider } from './types.js';

const CATEGORIES = ['Audit', 'RequestResponse', 'Trace'] as const;
const ACTIVITY_CATEGORIES = ['Administrative', 'Security', 'Policy'] as const;
const resourceId = (what: string) =>
  z
    .string()
    .regex(
      /^\/subscriptions\/[0-9a-fA-F-]{36}\/resourceGroups\/[A-Za-z0-9._()-]{1,90}\/providers\/[A-Za-z0-9./_-]{1,300}$/,
      `a ${what} resource id`,
    );

const params = z
  .object({
    subscription: z
      .string()
      .regex(/^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/, 'a subscription id (GUID)'),
    'resource-group': z.string().regex(/^[A-Za-z0-9._()-]{1,90}$/, 'a resource group name'),
    account: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9-]{1,62}$/, 'an Azure OpenAI (Cognitive Services) account name'),
    workspace: resourceId('Log Analytics workspace').optional(),
    'storage-account': resourceId('storage account').optional(),
    'retention-days': z.coerce.number().int().min(30).max(4383).default(90),
    'activity-retention-days': z.coerce.number().int().min(30).max(4383).default(365),
    location: z
      .string()
      .regex(/^[a-z0-9]{2,40}$/, 'an Azure region such as eastus')
      .default('eastus'),
  })
  .strict()
  .refine((p) => p.workspace || p['storage-account'], {
    message: 'give --workspace (Log Analytics) or --storage-account (or both) as the log destination',
    path: ['workspace'],
  });
type Params = z.output<typeof params>;

const accountId = (p: Params) =>
  `/subscriptions/${p.subscription}/resourceGroups/${p['resource-group']}/providers/Microsoft.CognitiveServices/accounts/${p.account}`;
const lastSegment = (id: string) => id.split('/').pop()!;
const segmentAfter = (id: string, key: string) =>
  id.split('/')[id.split('/').findIndex((s) => s.toLowerCase() === key) + 1]!;

function destinations(p: Params) {
  return {
    ...(p.workspace ? { workspaceId: p.workspace } : {}),
    ...(p['storage-account'] ? { storageAccountId: p['storage-account'] } : {}),
  };
}

function armTemplate(p: Params) {
  return {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    resources: [
      {
        type: 'Microsoft.Insights/diagnosticSettings',
        apiVersion: '2021-05-01-preview',
        scope: `Microsoft.CognitiveServices/accounts/${p.account}`,
        name: 'sightline',
        properties: {
          ...destinations(p),
          logs: CATEGORIES.map((category) => ({ category, enabled: true })),
          metrics: [{ category: 'AllMetrics', enabled: true }],
        },
      },
    ],
  };
}

/** Blob retention for the storage export: diagnostic settings no longer carry a retention policy. */
function lifecyclePolicy(p: Params) {
  const rule = (name: string, prefixes: string[], days: number) => ({
    enabled: true,
    name,
    type: 'Lifecycle',
    definition: {
      actions: { baseBlob: { delete: { daysAfterModificationGreaterThan: days } } },
      filters: { blobTypes: ['appendBlob', 'blockBlob'], prefixMatch: prefixes },
    },
  });
  return {
    rules: [
      rule(
        'sightline-openai-logs',
        CATEGORIES.map((c) => `insights-logs-${c.toLowerCase()}`),
        p['retention-days'],
      ),
      rule('sightline-activity-log', ['insights-activity-logs'], p['activity-retention-days']),
    ],
  };
}

function cli(p: Params): string {
  const dest = [
    p.workspace ? `--workspace ${shq(p.workspace)}` : '',
    p['storage-account'] ? `--storage-account ${shq(p['storage-account'])}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const logs = JSON.stringify(CATEGORIES.map((category) => ({ category, enabled: true })));
  const activity = JSON.stringify(ACTIVITY_CATEGORIES.map((category) => ({ category, enabled: true })));
  const lines = [
    `az account set --subscription ${shq(p.subscription)}`,
    '',
    '# Azure OpenAI resource logs: Audit, RequestResponse, Trace',
    `az monitor diagnostic-settings create --name sightline \\`,
    `  --resource ${shq(accountId(p))} \\`,
    `  ${dest} \\`,
    `  --logs ${shq(logs)} \\`,
    `  --metrics '[{"category":"AllMetrics","enabled":true}]'`,
    '',
    '# Activity Log of the subscription: deployment, RAI policy, account and key operations',
    `az monitor diagnostic-settings subscription create --name sightline-activity --location ${shq(p.location)} \\`,
    `  ${dest} \\`,
    `  --logs ${shq(activity)}`,
  ];
  if (p.workspace) {
    const rg = segmentAfter(p.workspace, 'resourcegroups');
    const ws = lastSegment(p.workspace);
    lines.push(
      '',
      '# Retention in Log Analytics, per table',
      `az monitor log-analytics workspace table update --resource-group ${shq(rg)} --workspace-name ${shq(ws)} \\`,
      `  --name AzureDiagnostics --retention-time ${p['retention-days']}`,
      `az monitor log-analytics workspace table update --resource-group ${shq(rg)} --workspace-name ${shq(ws)} \\`,
      `  --name AzureActivity --retention-time ${p['activity-retention-days']}`,
    );
  }
  if (p['storage-account']) {
    lines.push(
      '',
      '# Retention in the storage account (lifecycle-policy.json above)',
      `az storage account management-policy create --account-name ${shq(lastSegment(p['storage-account']))} \\`,
      `  --resource-group ${shq(segmentAfter(p['storage-account'], 'resourcegroups'))} --policy @lifecycle-policy.json`,
    );
  }
  return lines.join('\n');
}

function terraform(p: Params): string {
  const dest = [
    p.workspace ? `  log_analytics_workspace_id = ${hcl(p.workspace)}` : '',
    p['storage-account'] ? `  storage_account_id         = ${hcl(p['storage-account'])}` : '',
  ]
    .filter(Boolean)
    .join('\n');
  const enabled = (cats: readonly string[]) =>
    cats.map((c) => `  enabled_log {\n    category = ${hcl(c)}\n  }`).join('\n');
  const blocks = [
    `provider "azurerm" {
  features {}
  subscription_id = ${hcl(p.subscription)}
}

resource "azurerm_monitor_diagnostic_setting" "openai" {
  name               = "sightline"
  target_resource_id = ${hcl(accountId(p))}
${dest}
${enabled(CATEGORIES)}
  metric {
    category = "AllMetrics"
  }
}

resource "azurerm_monitor_diagnostic_setting" "activity" {
  name               = "sightline-activity"
  target_resource_id = ${hcl(`/subscriptions/${p.subscription}`)}
${dest}
${enabled(ACTIVITY_CATEGORIES)}
}`,
  ];
  if (p['storage-account']) {
    blocks.push(`resource "azurerm_storage_management_policy" "sightline" {
  storage_account_id = ${hcl(p['storage-account'])}
  rule {
    name    = "sightline-openai-logs"
    enabled = true
    filters {
      blob_types   = ["appendBlob", "blockBlob"]
      prefix_match = [${CATEGORIES.map((c) => hcl(`insights-logs-${c.toLowerCase()}`)).join(', ')}]
    }
    actions {
      base_blob {
        delete_after_days_since_modification_greater_than = ${p['retention-days']}
      }
    }
  }
  rule {
    name    = "sightline-activity-log"
    enabled = true
    filters {
      blob_types   = ["appendBlob", "blockBlob"]
      prefix_match = ["insights-activity-logs"]
    }
    actions {
      base_blob {
        delete_after_days_since_modification_greater_than = ${p['activity-retention-days']}
      }
    }
  }
}`);
  }
  return blocks.join('\n\n');
}

function importCommands(p: Params): string {
  const lines: string[] = [];
  if (p['storage-account']) {
    const sa = shq(lastSegment(p['storage-account']));
    for (const c of [...CATEGORIES.map((x) => `insights-logs-${x.toLowerCase()}`), 'insights-activity-logs'])
      lines.push(
        `az storage blob download-batch --auth-mode login --account-name ${sa} -s ${c} -d ./azure-logs/${c}`,
      );
    lines.push('sightline import --source azure ./azure-logs');
  }
  if (p.workspace) {
    lines.push(
      `az monitor log-analytics query --workspace <workspace-customer-id> -o json \\`,
      `  --analytics-query "AzureDiagnostics | where ResourceProvider == 'MICROSOFT.COGNITIVESERVICES' | where TimeGenerated > ago(1d)" \\`,
      `  | sightline import --source azure -`,
    );
  }
  return lines.join('\n');
}

export const azureSetup: SetupProvider<typeof params> = {
  name: 'azure',
  options: {
    subscription: { description: 'subscription id (GUID)' },
    'resource-group': { description: 'resource group of the Azure OpenAI account' },
    account: { description: 'Azure OpenAI (Cognitive Services) account name' },
    workspace: { description: 'Log Analytics workspace resource id (destination)' },
    'storage-account': { description: 'storage account resource id (destination)' },
    'retention-days': { description: 'retention of the resource logs', default: '90' },
    'activity-retention-days': { description: 'retention of the Activity Log', default: '365' },
    location: { description: 'region for the subscription diagnostic setting', default: 'eastus' },
  },
  params,
  heading: (p) => `Azure: Azure OpenAI diagnostic logs and Activity Log, account ${p.account}`,
  render(p): Section[] {
    const sections: Section[] = [
      {
        title: 'Diagnostic setting as an ARM template (openai-diagnostics.json)',
        lang: 'json',
        note: `Deploy with: az deployment group create -g ${shq(p['resource-group'])} --template-file openai-diagnostics.json`,
        body: json(armTemplate(p)),
      },
    ];
    if (p['storage-account'])
      sections.push({
        title: 'Storage lifecycle policy (lifecycle-policy.json)',
        lang: 'json',
        note: 'Diagnostic settings no longer hold a retention policy; the destination does.',
        body: json(lifecyclePolicy(p)),
      });
    sections.push(
      { title: 'Azure CLI', lang: 'sh', body: cli(p) },
      { title: 'Terraform (instead of the CLI)', lang: 'hcl', body: terraform(p) },
      { title: 'Import into Sightline', lang: 'sh', body: importCommands(p) },
    );
    return sections;
  },
};
