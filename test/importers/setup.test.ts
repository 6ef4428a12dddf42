import { describe, expect, it } from 'vitest';
import { SETUP_PROVIDERS } from '../../src/setup/providers.js';
import { hcl } from '../../src/setup/types.js';

/** The fenced blocks of the output, by language. */
function blocks(text: string): { lang: string; body: string }[] {
  return [...text.matchAll(/^```(\w+)\n([\s\S]*?)\n```$/gm)].map((m) => ({ lang: m[1]!, body: m[2]! }));
}

/**
 * HCL shape: delimiters balance outside strings and comments, and every top-level line opens a
 * `provider`/`resource` block with quoted labels, or is a comment or blank.
 */
function checkHcl(text: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  const pairs: Record<string, string> = { '}': '{', ']': '[', ')': '(' };
  for (const [n, line] of text.split('\n').entries()) {
    const trimmed = line.trim();
    if (stack.length === 0 && trimmed && !trimmed.startsWith('#') && trimmed !== '}') {
      if (!/^(provider|resource|data) "[a-z0-9_]+"( "[a-z0-9_]+")? \{$/.test(trimmed))
        problems.push(`line ${n + 1}: not a block header: ${trimmed}`);
    }
    let inString = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i]!;
      if (inString) {
        if (c === '\\') i++;
        else if (c === '"') inString = false;
        continue;
      }
      if (c === '#') break;
      if (c === '"') inString = true;
      else if ('{[('.includes(c)) stack.push(c);
      else if (pairs[c] && stack.pop() !== pairs[c]) problems.push(`line ${n + 1}: unbalanced ${c}`);
    }
    if (inString) problems.push(`line ${n + 1}: unterminated string`);
  }
  if (stack.length) problems.push(`unclosed ${stack.join('')}`);
  return problems;
}

function check(text: string, mustContain: string[]) {
  const found = blocks(text);
  for (const b of found) {
    if (b.lang === 'json') expect(() => JSON.parse(b.body) as unknown).not.toThrow();
    if (b.lang === 'hcl') expect(checkHcl(b.body)).toEqual([]);
  }
  for (const s of mustContain) expect(text).toContain(s);
  return found;
}

describe('sightline setup aws', () => {
  const text = SETUP_PROVIDERS.aws.generate({
    region: 'eu-west-1',
    'account-id': '444455556666',
    bucket: 'acme-ai-logs',
    'log-group': '/acme/bedrock',
    'retention-days': '365',
  });
  const found = check(text, ['eu-west-1', '444455556666', 'acme-ai-logs', '/acme/bedrock']);

  it('prints the Bedrock logging JSON and the CLI command that applies it', () => {
    const config = JSON.parse(found.find((b) => b.body.includes('"loggingConfig"'))!.body) as {
      loggingConfig: Record<string, unknown>;
    };
    expect(config.loggingConfig).toMatchObject({
      cloudWatchConfig: {
        logGroupName: '/acme/bedrock',
        roleArn: 'arn:aws:iam::444455556666:role/SightlineBedrockInvocationLogging',
        largeDataDeliveryS3Config: { bucketName: 'acme-ai-logs' },
      },
      s3Config: { bucketName: 'acme-ai-logs', keyPrefix: 'bedrock-invocations/' },
      textDataDeliveryEnabled: true,
    });
    expect(text).toContain(
      "aws bedrock put-model-invocation-logging-configuration --region 'eu-west-1' --cli-input-json file://bedrock-logging.json",
    );
  });

  it('creates a KMS-encrypted log group with the retention asked for, and a scoped role', () => {
    expect(text).toMatch(
      /aws logs create-log-group .*--log-group-name '\/acme\/bedrock' \\\n\s+--kms-key-id/,
    );
    expect(text).toContain('--retention-in-days 365');
    const keyPolicy = found.find((b) => b.body.includes('kms:EncryptionContext:aws:logs:arn'))!.body;
    expect(keyPolicy).toContain('arn:aws:logs:eu-west-1:444455556666:log-group:/acme/bedrock');
    const hclBody = found.find((b) => b.lang === 'hcl')!.body;
    expect(hclBody).toContain('resource "aws_bedrock_model_invocation_logging_configuration" "this"');
    expect(hclBody).toMatch(/retention_in_days = 365/);
    expect(hclBody).toContain('kms_key_id        = aws_kms_key.bedrock_logs.arn');
    expect(text).toContain('AWS::Bedrock::AgentAlias');
  });

  it('rejects values that are not what the flag names, naming the flag', () => {
    expect(() =>
      SETUP_PROVIDERS.aws.generate({ region: 'us-east-1', 'account-id': '123', bucket: 'b-b-b' }),
    ).toThrow(/--account-id: a 12-digit AWS account id/);
    expect(() =>
      SETUP_PROVIDERS.aws.generate({
        region: 'us-east-1',
        'account-id': '111122223333',
        bucket: "x'; rm -rf /",
      }),
    ).toThrow(/--bucket: an S3 bucket name/);
    expect(() =>
      SETUP_PROVIDERS.aws.generate({
        region: 'us-east-1',
        'account-id': '111122223333',
        bucket: 'abc',
        'retention-days': '42',
      }),
    ).toThrow(/--retention-days: one of 1, 3/);
    expect(() => SETUP_PROVIDERS.aws.generate({ region: 'us-east-1' })).toThrow(/--account-id: required/);
  });
});

describe('sightline setup azure', () => {
  const ws =
    '/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/obs-rg/providers/Microsoft.OperationalInsights/workspaces/sec-ws';
  const sa =
    '/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/obs-rg/providers/Microsoft.Storage/storageAccounts/acmelogs';
  const text = SETUP_PROVIDERS.azure.generate({
    subscription: '00000000-1111-2222-3333-444444444444',
    'resource-group': 'ai-rg',
    account: 'acme-openai',
    workspace: ws,
    'storage-account': sa,
    'retention-days': '120',
  });
  const found = check(text, ['acme-openai', 'ai-rg', ws, sa]);

  it('prints the diagnostic setting with the three categories as ARM JSON and CLI', () => {
    const arm = JSON.parse(found.find((b) => b.body.includes('deploymentTemplate'))!.body) as {
      resources: {
        type: string;
        scope: string;
        properties: { logs: { category: string }[]; workspaceId: string };
      }[];
    };
    expect(arm.resources[0]).toMatchObject({
      type: 'Microsoft.Insights/diagnosticSettings',
      scope: 'Microsoft.CognitiveServices/accounts/acme-openai',
      properties: { workspaceId: ws, storageAccountId: sa },
    });
    expect(arm.resources[0]!.properties.logs.map((l) => l.category)).toEqual([
      'Audit',
      'RequestResponse',
      'Trace',
    ]);
    expect(text).toContain('az monitor diagnostic-settings create --name sightline');
    expect(text).toContain('az monitor diagnostic-settings subscription create --name sightline-activity');
  });

  it('sets retention where it lives now: workspace tables and storage lifecycle', () => {
    expect(text).toContain('--name AzureDiagnostics --retention-time 120');
    expect(text).toContain('--name AzureActivity --retention-time 365');
    const policy = JSON.parse(
      found.find((b) => b.body.includes('daysAfterModificationGreaterThan'))!.body,
    ) as {
      rules: {
        definition: { actions: { baseBlob: { delete: { daysAfterModificationGreaterThan: number } } } };
      }[];
    };
    expect(policy.rules[0]!.definition.actions.baseBlob.delete.daysAfterModificationGreaterThan).toBe(120);
    expect(found.find((b) => b.lang === 'hcl')!.body).toContain(
      'resource "azurerm_monitor_diagnostic_setting" "openai"',
    );
  });

  it("needs a destination, and refuses another provider's flags", () => {
    const base = {
      subscription: '00000000-1111-2222-3333-444444444444',
      'resource-group': 'ai-rg',
      account: 'acme-openai',
    };
    expect(() => SETUP_PROVIDERS.azure.generate(base)).toThrow(/--workspace: give --workspace/);
    expect(() => SETUP_PROVIDERS.azure.generate({ ...base, workspace: ws, bucket: 'x' })).toThrow(
      /--bucket: not an option of setup azure/,
    );
  });
});

describe('sightline setup gcp', () => {
  const text = SETUP_PROVIDERS.gcp.generate({
    project: 'acme-ml',
    bucket: 'acme-vertex-audit',
    'retention-days': '400',
  });
  const found = check(text, ['acme-ml', 'acme-vertex-audit']);

  it('prints the audit config for aiplatform.googleapis.com with all three log types, and gcloud', () => {
    const cfg = JSON.parse(found.find((b) => b.body.includes('auditConfigs'))!.body) as unknown;
    expect(cfg).toEqual({
      auditConfigs: [
        {
          service: 'aiplatform.googleapis.com',
          auditLogConfigs: [{ logType: 'ADMIN_READ' }, { logType: 'DATA_READ' }, { logType: 'DATA_WRITE' }],
        },
      ],
    });
    expect(text).toContain("gcloud projects set-iam-policy 'acme-ml' policy.new.json");
    expect(text).toContain('--retention-days=400');
    expect(text).toContain(
      "gcloud logging sinks create 'sightline-vertex-audit' 'storage.googleapis.com/acme-vertex-audit'",
    );
  });

  it('prints the same as Terraform', () => {
    const tf = found.find((b) => b.lang === 'hcl')!.body;
    expect(tf).toContain('resource "google_project_iam_audit_config" "vertex"');
    for (const t of ['ADMIN_READ', 'DATA_READ', 'DATA_WRITE']) expect(tf).toContain(`log_type = "${t}"`);
    expect(tf).toContain('retention_days = 400');
    expect(tf).toContain('destination            = "storage.googleapis.com/acme-vertex-audit"');
  });

  it('works without a bucket and rejects a bad project id', () => {
    expect(SETUP_PROVIDERS.gcp.generate({ project: 'acme-ml' })).not.toContain('logging sinks create');
    expect(() => SETUP_PROVIDERS.gcp.generate({ project: 'Bad_Project' })).toThrow(
      /--project: a GCP project id/,
    );
  });
});

describe('the HCL shape check', () => {
  it('catches an unbalanced block, an open string and a stray top-level line', () => {
    expect(checkHcl('resource "a" "b" {\n  x = 1\n')).toEqual(['unclosed {']);
    expect(checkHcl('resource "a" "b" {\n  x = "y\n}')).toContain('line 2: unterminated string');
    expect(checkHcl('x = 1')).toEqual(['line 1: not a block header: x = 1']);
  });
});

describe('HCL string escaping', () => {
  it('escapes template sequences so a value can never interpolate', () => {
    expect(hcl('a${b}%{c}"')).toBe('"a$${b}%%{c}\\""');
  });
});
