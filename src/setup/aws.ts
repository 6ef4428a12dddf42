import { z } from 'zod';
import { hcl, json, jsonencode, shq, type Section, type SetupProvider } from './types.js';

/** The retention periods CloudWatch Logs accepts. */
const CLOUDWATCH_RETENTION = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

/** Bedrock resources whose runtime calls CloudTrail records only as data events (off by default). */
const BEDROCK_DATA_RESOURCES = [
  'AWS::Bedrock::AgentAlias',
  'AWS::Bedrock::KnowledgeBase',
  'AWS::Bedrock::FlowAlias',
  'AWS::Bedrock::Guardrail',
];

const params = z
  .object({
    region: z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'an AWS region such as us-east-1'),
    'account-id': z.string().regex(/^\d{12}$/, 'a 12-digit AWS account id'),
    bucket: z
      .string()
      .regex(
        /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
        'an S3 bucket name (3-63 lower-case letters, digits, dots, hyphens)',
      ),
    prefix: z
      .string()
      .regex(/^[A-Za-z0-9!_.*()/-]{0,200}$/, 'an S3 key prefix')
      .default('bedrock-invocations/'),
    'log-group': z
      .string()
      .regex(/^[A-Za-z0-9_./#-]{1,512}$/, 'a CloudWatch Logs group name')
      .default('/aws/bedrock/model-invocations'),
    'retention-days': z.coerce
      .number()
      .refine((n) => CLOUDWATCH_RETENTION.includes(n), `one of ${CLOUDWATCH_RETENTION.join(', ')}`)
      .default(90),
    'role-name': z
      .string()
      .regex(/^[A-Za-z0-9+=,.@_-]{1,64}$/, 'an IAM role name')
      .default('SightlineBedrockInvocationLogging'),
    'kms-alias': z
      .string()
      .regex(/^alias\/[A-Za-z0-9/_-]{1,250}$/, 'a KMS alias such as alias/bedrock-logs')
      .default('alias/sightline-bedrock-logs'),
    trail: z
      .string()
      .regex(/^[A-Za-z0-9._-]{3,128}$/, 'a CloudTrail trail name')
      .default('sightline-ai'),
  })
  .strict();
type Params = z.output<typeof params>;

function names(p: Params) {
  const account = p['account-id'];
  const logGroupArn = `arn:aws:logs:${p.region}:${account}:log-group:${p['log-group']}`;
  return {
    account,
    logGroupArn,
    roleArn: `arn:aws:iam::${account}:role/${p['role-name']}`,
    sourceArn: `arn:aws:bedrock:${p.region}:${account}:*`,
    largePrefix: `${p.prefix}large-data/`,
  };
}

export function bedrockLoggingConfig(p: Params) {
  const n = names(p);
  return {
    loggingConfig: {
      cloudWatchConfig: {
        logGroupName: p['log-group'],
        roleArn: n.roleArn,
        largeDataDeliveryS3Config: { bucketName: p.bucket, keyPrefix: n.largePrefix },
      },
      s3Config: { bucketName: p.bucket, keyPrefix: p.prefix },
      textDataDeliveryEnabled: true,
      imageDataDeliveryEnabled: false,
      embeddingDataDeliveryEnabled: false,
      videoDataDeliveryEnabled: false,
    },
  };
}

function keyPolicy(p: Params) {
  const n = names(p);
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AccountAdministers',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${n.account}:root` },
        Action: 'kms:*',
        Resource: '*',
      },
      {
        Sid: 'CloudWatchLogsEncryptsThisLogGroupOnly',
        Effect: 'Allow',
        Principal: { Service: `logs.${p.region}.amazonaws.com` },
        Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        Resource: '*',
        Condition: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': n.logGroupArn } },
      },
    ],
  };
}

function trustPolicy(p: Params) {
  const n = names(p);
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: 'bedrock.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: {
          StringEquals: { 'aws:SourceAccount': n.account },
          ArnLike: { 'aws:SourceArn': n.sourceArn },
        },
      },
    ],
  };
}

function rolePolicy(p: Params) {
  const n = names(p);
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'WriteInvocationLogs',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: `${n.logGroupArn}:log-stream:*`,
      },
    ],
  };
}

function bucketPolicy(p: Params) {
  const n = names(p);
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'BedrockWritesInvocationLogs',
        Effect: 'Allow',
        Principal: { Service: 'bedrock.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: `arn:aws:s3:::${p.bucket}/${p.prefix}AWSLogs/${n.account}/BedrockModelInvocationLogs/*`,
        Condition: {
          StringEquals: { 'aws:SourceAccount': n.account },
          ArnLike: { 'aws:SourceArn': n.sourceArn },
        },
      },
      {
        Sid: 'BedrockWritesLargeBodies',
        Effect: 'Allow',
        Principal: { Service: 'bedrock.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: `arn:aws:s3:::${p.bucket}/${n.largePrefix}*`,
        Condition: {
          StringEquals: { 'aws:SourceAccount': n.account },
          ArnLike: { 'aws:SourceArn': n.sourceArn },
        },
      },
    ],
  };
}

function eventSelectors() {
  return [
    {
      Name: 'Management events (Bedrock InvokeModel and Converse are management events)',
      FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }],
    },
    ...BEDROCK_DATA_RESOURCES.map((type) => ({
      Name: `Bedrock data events: ${type.split('::')[2]}`,
      FieldSelectors: [
        { Field: 'eventCategory', Equals: ['Data'] },
        { Field: 'resources.type', Equals: [type] },
      ],
    })),
  ];
}

function cli(p: Params): string {
  const r = `--region ${shq(p.region)}`;
  return `# 1. KMS key for the log group, and its alias
KEY_ID=$(aws kms create-key ${r} --description 'Bedrock invocation logs (Sightline)' \\
  --policy file://kms-key-policy.json --query KeyMetadata.KeyId --output text)
aws kms create-alias ${r} --alias-name ${shq(p['kms-alias'])} --target-key-id "$KEY_ID"
aws kms enable-key-rotation ${r} --key-id "$KEY_ID"

# 2. Encrypted log group with retention
aws logs create-log-group ${r} --log-group-name ${shq(p['log-group'])} \\
  --kms-key-id "arn:aws:kms:${p.region}:${p['account-id']}:key/$KEY_ID"
aws logs put-retention-policy ${r} --log-group-name ${shq(p['log-group'])} --retention-in-days ${p['retention-days']}

# 3. Role that Bedrock assumes to write to the log group
aws iam create-role --role-name ${shq(p['role-name'])} --assume-role-policy-document file://bedrock-logging-trust.json
aws iam put-role-policy --role-name ${shq(p['role-name'])} --policy-name write-invocation-logs \\
  --policy-document file://bedrock-logging-role-policy.json

# 4. Let Bedrock write to the bucket (this replaces the bucket policy: merge with yours first)
aws s3api put-bucket-policy --bucket ${shq(p.bucket)} --policy file://bucket-policy.json

# 5. Switch invocation logging on
aws bedrock put-model-invocation-logging-configuration ${r} --cli-input-json file://bedrock-logging.json
aws bedrock get-model-invocation-logging-configuration ${r}

# 6. CloudTrail: Bedrock data events (agents, knowledge bases, flows, guardrails)
#    This replaces the trail's selectors: merge with the ones it has first.
aws cloudtrail put-event-selectors ${r} --trail-name ${shq(p.trail)} --advanced-event-selectors file://cloudtrail-selectors.json`;
}

function terraform(p: Params): string {
  const n = names(p);
  const dataTypes = BEDROCK_DATA_RESOURCES.map(
    (t) => `  advanced_event_selector {
    name = ${hcl(`Bedrock data events: ${t.split('::')[2]}`)}
    field_selector {
      field  = "eventCategory"
      equals = ["Data"]
    }
    field_selector {
      field  = "resources.type"
      equals = [${hcl(t)}]
    }
  }`,
  ).join('\n');
  return `provider "aws" {
  region = ${hcl(p.region)}
}

resource "aws_kms_key" "bedrock_logs" {
  description         = "Bedrock invocation logs (Sightline)"
  enable_key_rotation = true
  policy              = ${jsonencode(keyPolicy(p))}
}

resource "aws_kms_alias" "bedrock_logs" {
  name          = ${hcl(p['kms-alias'])}
  target_key_id = aws_kms_key.bedrock_logs.key_id
}

resource "aws_cloudwatch_log_group" "bedrock_invocations" {
  name              = ${hcl(p['log-group'])}
  retention_in_days = ${p['retention-days']}
  kms_key_id        = aws_kms_key.bedrock_logs.arn
}

resource "aws_iam_role" "bedrock_logging" {
  name               = ${hcl(p['role-name'])}
  assume_role_policy = ${jsonencode(trustPolicy(p))}
}

resource "aws_iam_role_policy" "bedrock_logging" {
  name   = "write-invocation-logs"
  role   = aws_iam_role.bedrock_logging.id
  policy = ${jsonencode(rolePolicy(p))}
}

resource "aws_s3_bucket_policy" "bedrock_logs" {
  bucket = ${hcl(p.bucket)}
  policy = ${jsonencode(bucketPolicy(p))}
}

resource "aws_bedrock_model_invocation_logging_configuration" "this" {
  depends_on = [aws_s3_bucket_policy.bedrock_logs, aws_iam_role_policy.bedrock_logging]
  logging_config {
    text_data_delivery_enabled      = true
    image_data_delivery_enabled     = false
    embedding_data_delivery_enabled = false
    cloudwatch_config {
      log_group_name = aws_cloudwatch_log_group.bedrock_invocations.name
      role_arn       = aws_iam_role.bedrock_logging.arn
      large_data_delivery_s3_config {
        bucket_name = ${hcl(p.bucket)}
        key_prefix  = ${hcl(n.largePrefix)}
      }
    }
    s3_config {
      bucket_name = ${hcl(p.bucket)}
      key_prefix  = ${hcl(p.prefix)}
    }
  }
}

# Add these selectors to your existing aws_cloudtrail resource for ${hcl(p.trail)}:
#
# resource "aws_cloudtrail" "ai" {
#   ...
#   advanced_event_selector {
#     name = "Management events"
#     field_selector {
#       field  = "eventCategory"
#       equals = ["Management"]
#     }
#   }
${dataTypes
  .split('\n')
  .map((l) => `# ${l}`)
  .join('\n')}
# }`;
}

export const awsSetup: SetupProvider<typeof params> = {
  name: 'aws',
  options: {
    region: { description: 'AWS region of the Bedrock models, e.g. us-east-1' },
    'account-id': { description: '12-digit AWS account id' },
    bucket: { description: 'existing S3 bucket for invocation logs' },
    prefix: { description: 'key prefix in the bucket', default: 'bedrock-invocations/' },
    'log-group': { description: 'CloudWatch Logs group', default: '/aws/bedrock/model-invocations' },
    'retention-days': { description: 'log group retention (a CloudWatch value)', default: '90' },
    'role-name': { description: 'IAM role Bedrock assumes', default: 'SightlineBedrockInvocationLogging' },
    'kms-alias': { description: 'alias of the new KMS key', default: 'alias/sightline-bedrock-logs' },
    trail: { description: 'CloudTrail trail to add Bedrock data events to', default: 'sightline-ai' },
  },
  params,
  heading: (p) => `AWS: Bedrock invocation logging and CloudTrail, account ${p['account-id']}, ${p.region}`,
  render(p): Section[] {
    return [
      {
        title: 'KMS key policy (kms-key-policy.json)',
        lang: 'json',
        note: 'CloudWatch Logs may use the key for this log group only.',
        body: json(keyPolicy(p)),
      },
      { title: 'Role trust policy (bedrock-logging-trust.json)', lang: 'json', body: json(trustPolicy(p)) },
      {
        title: 'Role permissions (bedrock-logging-role-policy.json)',
        lang: 'json',
        body: json(rolePolicy(p)),
      },
      { title: 'S3 bucket policy (bucket-policy.json)', lang: 'json', body: json(bucketPolicy(p)) },
      {
        title: 'Invocation logging configuration (bedrock-logging.json)',
        lang: 'json',
        note: 'Text bodies are delivered (the prompts and responses Sightline scans); bodies over 100 KB go to the large-data prefix.',
        body: json(bedrockLoggingConfig(p)),
      },
      {
        title: 'CloudTrail advanced event selectors (cloudtrail-selectors.json)',
        lang: 'json',
        body: json(eventSelectors()),
      },
      {
        title: 'AWS CLI',
        lang: 'sh',
        note: 'Run from the folder holding the JSON files above.',
        body: cli(p),
      },
      { title: 'Terraform (instead of the CLI)', lang: 'hcl', body: terraform(p) },
      {
        title: 'Import into Sightline',
        lang: 'sh',
        body: `aws s3 sync ${shq(`s3://${p.bucket}/${p.prefix}AWSLogs/`)} ./bedrock-logs --exclude '*' --include '*BedrockModelInvocationLogs*'
sightline import --source bedrock ./bedrock-logs
aws s3 sync ${shq(`s3://<your-cloudtrail-bucket>/AWSLogs/${p['account-id']}/CloudTrail/${p.region}/`)} ./cloudtrail-logs
sightline import --source cloudtrail ./cloudtrail-logs`,
      },
    ];
  },
};
