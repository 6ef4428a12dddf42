import { describe, expect, it } from 'vitest';
import { controlAction } from '../../src/importers/cloudtrail/operations.js';
import { byAttribute, fixture, importFiles } from './support.js';

describe('CloudTrail records for Bedrock', async () => {
  const trail = fixture('cloudtrail', 'trail.json');
  const lines = fixture('cloudtrail', 'events.jsonl');
  const { events, problems, counts } = await importFiles('cloudtrail', [trail, lines]);
  const byName = (name: string) => events.filter((e) => e.attributes?.['aws.event_name'] === name);
  const one = (name: string) => byAttribute(events, 'aws.event_name', name);

  it('opens the {"Records":[...]} envelope and one-record-per-line files, skipping other services', () => {
    expect(counts.records).toBe(17 + 3);
    expect(events).toHaveLength(16 + 2);
    expect(counts.skipped).toEqual({ 'event source s3.amazonaws.com is not an AI service': 1 });
    expect(problems).toEqual([
      { file: lines, line: 2, message: expect.stringMatching(/^invalid JSON/) },
      {
        file: lines,
        line: 3,
        message: 'invalid CloudTrail record: eventName: Invalid input: expected string, received undefined',
      },
    ]);
  });

  it('maps management events to control actions with actor, resource and credential type', () => {
    expect(one('PutModelInvocationLoggingConfiguration')).toMatchObject({
      kind: 'control',
      source: 'cloudtrail',
      caller: 'arn:aws:iam::111122223333:user/alice',
      auth_method: 'aws_access_key',
      source_ip: '203.0.113.10',
      user_agent: expect.stringContaining('aws-cli'),
      region: 'us-east-1',
      control: {
        actor: 'arn:aws:iam::111122223333:user/alice',
        action: 'logging.update',
        resource_type: 'logging_config',
        after_hash: expect.stringMatching(/^[0-9a-f]{16}$/),
      },
    });
    expect(one('PutModelInvocationLoggingConfiguration').attributes?.['aws.access_key_id']).toBe(
      'AKIAEXAMPLEALICE001',
    );
    const actions = Object.fromEntries(
      [
        'DeleteModelInvocationLoggingConfiguration',
        'CreateGuardrail',
        'UpdateGuardrail',
        'DeleteGuardrail',
        'CreateModelImportJob',
        'CreateProvisionedModelThroughput',
        'CreateAgent',
        'CreateKnowledgeBase',
        'ListFoundationModels',
        'UpdateAgent',
        'DeleteAgent',
      ].map((n) => [n, [one(n).control?.action, one(n).control?.resource_type]]),
    );
    expect(actions).toEqual({
      DeleteModelInvocationLoggingConfiguration: ['logging.delete', 'logging_config'],
      CreateGuardrail: ['guardrail.create', 'guardrail'],
      UpdateGuardrail: ['guardrail.update', 'guardrail'],
      DeleteGuardrail: ['guardrail.delete', 'guardrail'],
      CreateModelImportJob: ['model.import', 'model'],
      CreateProvisionedModelThroughput: ['provisioned_throughput.create', 'deployment'],
      CreateAgent: ['agent.create', 'agent'],
      CreateKnowledgeBase: ['knowledge_base.create', 'knowledge_base'],
      ListFoundationModels: ['model.list', 'model'],
      UpdateAgent: ['agent.update', 'agent'],
      DeleteAgent: ['agent.delete', 'agent'],
    });
    expect(one('UpdateGuardrail').control?.resource).toBe('gr-abc123');
    expect(one('CreateGuardrail').control?.resource).toBe(
      'arn:aws:bedrock:us-east-1:111122223333:guardrail/gr-abc123',
    );
    expect(one('ListFoundationModels').control?.after_hash).toBeUndefined();
  });

  it('maps data events to calls and retrievals with the model and temporary credentials', () => {
    const [invoke, throttled] = byName('InvokeModel').filter((e) => e.kind === 'llm.call');
    expect(invoke).toMatchObject({
      kind: 'llm.call',
      caller: 'arn:aws:sts::111122223333:assumed-role/support-bot-role/i-0abc',
      auth_method: 'aws_temporary_credentials',
      source_ip: '198.51.100.7',
      model: 'anthropic.claude-3-haiku-20240307-v1:0',
      llm: { operation: 'invoke' },
    });
    expect(invoke!.attributes?.['aws.session_issuer']).toBe(
      'arn:aws:iam::111122223333:role/support-bot-role',
    );
    expect(throttled).toMatchObject({ status: 'error', error_code: 'ThrottlingException' });
    expect(one('Converse')).toMatchObject({
      model: 'anthropic.claude-3-5-sonnet-20240620-v1:0',
      deployment: 'us.anthropic.claude-3-5-sonnet-20240620-v1:0',
      llm: { operation: 'chat' },
    });
    expect(one('InvokeAgent')).toMatchObject({ kind: 'llm.call', llm: { operation: 'agent' } });
    expect(one('Retrieve')).toMatchObject({ kind: 'retrieval', retrieval: { source: 'KB12345' } });
  });

  it('maps AccessDenied to an auth denial naming the resource and reason', () => {
    const denied = byName('InvokeModel').find((e) => e.kind === 'auth');
    expect(denied).toMatchObject({
      status: 'denied',
      source_ip: '192.0.2.99',
      error_code: 'AccessDenied',
      model: 'anthropic.claude-3-opus-20240229-v1:0',
      auth: {
        outcome: 'denied',
        method: 'aws_access_key',
        resource: 'anthropic.claude-3-opus-20240229-v1:0',
        reason: expect.stringMatching(/^AccessDenied: User: .* is not authorized/),
      },
    });
  });

  it('uses the eventID for the id, whichever file layout delivered the record', async () => {
    const again = await importFiles('cloudtrail', [trail]);
    expect(new Set(again.events.map((e) => e.id)).size).toBe(16);
    expect(again.events.map((e) => e.id)).toEqual(events.slice(0, 16).map((e) => e.id));
  });
});

describe('controlAction', () => {
  it('splits unknown event names into noun and verb', () => {
    expect(controlAction('UpdateAgentActionGroup')).toEqual({
      action: 'agent_action_group.update',
      resource_type: 'agent',
    });
    expect(controlAction('StartIngestionJob')).toEqual({
      action: 'ingestion_job.start',
      resource_type: undefined,
    });
  });
});
