import { describe, expect, it } from 'vitest';
import { fixture, importFiles } from './support.js';

describe('GCP Vertex AI audit logs', async () => {
  const file = fixture('vertex', 'audit.jsonl');
  const { events, problems, counts } = await importFiles('vertex', [file]);
  const method = (m: string) =>
    events.filter((e) => e.attributes?.['gcp.method'] === `google.cloud.aiplatform.v1.${m}`);

  it('imports Vertex entries, skips other services, reports malformed lines', () => {
    expect(events).toHaveLength(10);
    expect(counts.skipped).toEqual({ 'service storage.googleapis.com is not Vertex AI': 1 });
    expect(problems).toEqual([
      { file, line: 12, message: expect.stringMatching(/^invalid JSON/) },
      { file, line: 13, message: expect.stringMatching(/^invalid Cloud Audit Logs entry: protoPayload: /) },
    ]);
  });

  it('maps GenerateContent to a chat call with the publisher model, caller, IP and project', () => {
    expect(method('PredictionService.GenerateContent')[0]).toMatchObject({
      kind: 'llm.call',
      source: 'vertex',
      ts: '2026-11-20T16:01:00.123Z',
      caller: 'dana@example.com',
      auth_method: 'gcp_user',
      source_ip: '203.0.113.20',
      user_agent: expect.stringContaining('gcloud'),
      provider: 'gcp-vertex',
      model: 'gemini-1.5-pro',
      region: 'us-central1',
      llm: { operation: 'chat' },
    });
    expect(method('PredictionService.GenerateContent')[0]?.attributes).toMatchObject({
      'gcp.project': 'acme-ml',
      'gcp.log_type': 'data_access',
    });
  });

  it('flags service-account keys and reads usage metadata when present', () => {
    expect(method('PredictionService.StreamGenerateContent')[0]).toMatchObject({
      caller: 'inference@acme-ml.iam.gserviceaccount.com',
      auth_method: 'gcp_service_account_key',
      llm: { operation: 'chat', stream: true, input_tokens: 1200, output_tokens: 300 },
    });
  });

  it('maps Predict on an endpoint, and status code 7 to an auth denial', () => {
    const [ok, denied] = method('PredictionService.Predict');
    expect(ok).toMatchObject({
      kind: 'llm.call',
      deployment: '1234567890',
      auth_method: 'gcp_service_account',
      llm: { operation: 'predict' },
    });
    expect(denied).toMatchObject({
      kind: 'auth',
      status: 'denied',
      caller: 'eve@example.net',
      source_ip: '192.0.2.66',
      error_code: '7',
      auth: {
        outcome: 'denied',
        method: 'gcp_user',
        resource: 'projects/acme-ml/locations/us-central1/endpoints/1234567890',
        reason: expect.stringContaining('denied'),
      },
    });
  });

  it('maps model and endpoint administration to control actions', () => {
    const actions = Object.fromEntries(
      [
        'EndpointService.DeployModel',
        'EndpointService.UndeployModel',
        'EndpointService.CreateEndpoint',
        'ModelService.UploadModel',
        'ModelService.DeleteModel',
        'ModelService.UpdateModel',
      ].map((m) => [m, [method(m)[0]?.control?.action, method(m)[0]?.control?.resource_type]]),
    );
    expect(actions).toEqual({
      'EndpointService.DeployModel': ['endpoint.deploy', 'endpoint'],
      'EndpointService.UndeployModel': ['endpoint.undeploy', 'endpoint'],
      'EndpointService.CreateEndpoint': ['endpoint.create', 'endpoint'],
      'ModelService.UploadModel': ['model.upload', 'model'],
      'ModelService.DeleteModel': ['model.delete', 'model'],
      'ModelService.UpdateModel': ['model.update', 'model'],
    });
    expect(method('EndpointService.DeployModel')[0]).toMatchObject({
      kind: 'control',
      control: { actor: 'dana@example.com', after_hash: expect.stringMatching(/^[0-9a-f]{16}$/) },
      attributes: { 'gcp.log_type': 'activity' },
    });
  });

  it('reads `gcloud logging read --format=json` arrays with the same ids as the line export', async () => {
    const arr = await importFiles('vertex', [fixture('vertex', 'gcloud-read.json')]);
    expect(arr.problems).toEqual([]);
    expect(arr.events.map((e) => e.id)).toEqual([
      method('PredictionService.GenerateContent')[0]!.id,
      method('PredictionService.Predict')[1]!.id,
    ]);
  });
});
