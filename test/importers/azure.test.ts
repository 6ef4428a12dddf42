import { describe, expect, it } from 'vitest';
import { fixture, importFiles } from './support.js';

describe('Azure OpenAI diagnostic logs', async () => {
  const file = fixture('azure', 'PT1H.json');
  const { events, problems, counts } = await importFiles('azure', [file]);
  const at = (minute: number) => {
    const e = events.find((x) => x.ts?.startsWith(`2026-11-20T13:${String(minute).padStart(2, '0')}`));
    if (!e) throw new Error(`no event at minute ${minute}`);
    return e;
  };

  it('reads PT1H.json lines and Log Analytics rows, reporting malformed records by line', () => {
    expect(events).toHaveLength(8);
    expect(counts.skipped).toEqual({ 'Azure Trace record without a refused request': 1 });
    expect(problems).toEqual([
      { file, line: 10, message: expect.stringMatching(/^invalid JSON/) },
      {
        file,
        line: 11,
        message:
          'invalid Azure OpenAI diagnostic log record: operationName: Invalid input: expected string, received undefined',
      },
    ]);
  });

  it('maps RequestResponse to a call: deployment, model, caller IP, latency, and API-key auth', () => {
    expect(at(1)).toMatchObject({
      kind: 'llm.call',
      source: 'azure',
      caller: 'api-key:acme-openai',
      auth_method: 'api_key',
      source_ip: '203.0.113.*',
      provider: 'azure-openai',
      model: 'gpt-4o',
      deployment: 'gpt-4o-prod',
      region: 'eastus',
      latency_ms: 640,
      status: 'ok',
      llm: { operation: 'chat', stream: false },
    });
    expect(at(1).attributes).toMatchObject({
      'azure.account': 'acme-openai',
      'azure.model_version': '2024-08-06',
    });
  });

  it('records Entra ID callers by object id, with token usage when the record has it', () => {
    expect(at(2)).toMatchObject({
      caller: '8f9e0d1c-2b3a-4c5d-9e8f-7a6b5c4d3e2f',
      auth_method: 'entra_id',
      llm: { stream: true, input_tokens: 812, output_tokens: 64 },
    });
  });

  it('maps a content-filter rejection to a blocked call and 401 to an auth denial', () => {
    expect(at(3)).toMatchObject({
      status: 'blocked',
      error_code: '400',
      llm: { guardrail_action: 'block', content_filter: 'content_filter' },
    });
    expect(at(4)).toMatchObject({
      kind: 'auth',
      status: 'denied',
      source_ip: '198.51.100.*',
      auth: { outcome: 'denied', method: 'api_key', resource: 'acme-openai', reason: 'HTTP 401' },
    });
    expect(at(5).llm?.operation).toBe('embeddings');
  });

  it('maps Audit key listing and regeneration to control events', () => {
    expect(at(6)).toMatchObject({
      kind: 'control',
      control: { action: 'key.list', resource_type: 'key', resource: 'acme-openai' },
    });
    expect(at(7).control?.action).toBe('key.regenerate');
  });

  it('reads the AzureDiagnostics table shape (properties_s, upper-case names)', () => {
    expect(at(9)).toMatchObject({
      kind: 'llm.call',
      source_ip: '192.0.2.*',
      latency_ms: 120,
      deployment: 'gpt-35',
      status: 'error',
      error_code: '429',
      llm: { operation: 'completion' },
    });
  });
});

describe('Azure Activity Log for Microsoft.CognitiveServices', async () => {
  const hub = fixture('azure', 'activity-eventhub.json');
  const cli = fixture('azure', 'activity-cli.json');
  const { events, problems, counts } = await importFiles('azure', [hub, cli]);
  const op = (name: string) => events.filter((e) => e.attributes?.['azure.operation'] === name.toLowerCase());

  it('imports outcomes, skips start entries and other providers', () => {
    expect(problems).toEqual([]);
    expect(counts.skipped).toEqual({
      'Activity Log start entry (its outcome entry is imported)': 1,
      'Activity Log operation outside Microsoft.CognitiveServices': 1,
    });
    expect(events).toHaveLength(8);
  });

  it('maps deployment, RAI policy and account writes with the user caller', () => {
    const [deploy] = op('Microsoft.CognitiveServices/accounts/deployments/write');
    expect(deploy).toMatchObject({
      kind: 'control',
      caller: 'mallory@example.com',
      auth_method: 'entra_user',
      source_ip: '203.0.113.50',
      control: {
        action: 'deployment.update',
        resource_type: 'deployment',
        resource: expect.stringMatching(/DEPLOYMENTS\/GPT-4O-PROD$/),
      },
    });
    expect(op('Microsoft.CognitiveServices/accounts/raiPolicies/write')[0]).toMatchObject({
      control: {
        action: 'content_filter.update',
        resource_type: 'guardrail',
        after_hash: expect.stringMatching(/^[0-9a-f]{16}$/),
      },
    });
    expect(op('Microsoft.CognitiveServices/accounts/write')[0]?.control?.action).toBe('account.update');
    expect(op('Microsoft.Authorization/roleAssignments/write')[0]?.control?.action).toBe('permission.grant');
  });

  it('tells a managed identity listing keys from a user regenerating them', () => {
    expect(op('Microsoft.CognitiveServices/accounts/listKeys/action')[0]).toMatchObject({
      caller: '11111111-2222-3333-4444-555555555555',
      auth_method: 'managed_identity',
      control: { action: 'key.list', resource_type: 'key' },
    });
    expect(op('Microsoft.CognitiveServices/accounts/regenerateKey/action')[0]).toMatchObject({
      auth_method: 'entra_user',
      control: { action: 'key.regenerate' },
    });
  });

  it('maps an AuthorizationFailed failure to an auth denial', () => {
    expect(op('Microsoft.CognitiveServices/accounts/deployments/delete')[0]).toMatchObject({
      kind: 'auth',
      status: 'denied',
      error_code: 'Forbidden',
      auth: { outcome: 'denied', method: 'entra_user', reason: 'Forbidden' },
    });
  });

  it('reads `az monitor activity-log list` output ({value} names, httpRequest IP, eventDataId)', () => {
    const e = events.find((x) => x.ts === '2026-11-20T15:00:00.123Z');
    expect(e).toMatchObject({
      kind: 'control',
      caller: '11111111-2222-3333-4444-555555555555',
      auth_method: 'managed_identity',
      source_ip: '20.42.0.9',
      control: { action: 'deployment.update' },
    });
  });
});
