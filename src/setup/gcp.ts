import { z } from 'zod';
import { hcl, json, shq, type Section, type SetupProvider } from './types.js';

const SERVICE = 'aiplatform.googleapis.com';
const LOG_TYPES = ['ADMIN_READ', 'DATA_READ', 'DATA_WRITE'] as const;
const FILTER = `protoPayload.serviceName="${SERVICE}" AND logName:"cloudaudit.googleapis.com"`;

const params = z
  .object({
    project: z.string().regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, 'a GCP project id'),
    bucket: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]{1,61}[a-z0-9]$/, 'a Cloud Storage bucket name')
      .optional(),
    'retention-days': z.coerce.number().int().min(1).max(3650).default(365),
    'sink-name': z
      .string()
      .regex(/^[A-Za-z0-9_.-]{1,100}$/, 'a log sink name')
      .default('sightline-vertex-audit'),
  })
  .strict();
type Params = z.output<typeof params>;

export function auditConfig() {
  return {
    auditConfigs: [{ service: SERVICE, auditLogConfigs: LOG_TYPES.map((logType) => ({ logType })) }],
  };
}

function lifecycle(p: Params) {
  return { rule: [{ action: { type: 'Delete' }, condition: { age: p['retention-days'] } }] };
}

function cli(p: Params): string {
  const proj = shq(p.project);
  const lines = [
    '# Data Access logs (DATA_READ covers predictions) are off by default. Merge the audit config into',
    '# the project IAM policy; the etag in policy.json makes set-iam-policy fail if it changed meanwhile.',
    `gcloud projects get-iam-policy ${proj} --format=json > policy.json`,
    `jq --slurpfile add vertex-audit-config.json \\`,
    `  '.auditConfigs = ([(.auditConfigs // [])[] | select(.service != "${SERVICE}")] + $add[0].auditConfigs)' \\`,
    `  policy.json > policy.new.json`,
    `gcloud projects set-iam-policy ${proj} policy.new.json`,
    '',
    '# Retention of the _Default log bucket, where Data Access logs land',
    `gcloud logging buckets update _Default --location=global --retention-days=${p['retention-days']} --project ${proj}`,
  ];
  if (p.bucket) {
    const b = shq(`gs://${p.bucket}`);
    lines.push(
      '',
      '# Export the Vertex AI audit logs to Cloud Storage for Sightline to import',
      `gcloud logging sinks create ${shq(p['sink-name'])} ${shq(`storage.googleapis.com/${p.bucket}`)} --project ${proj} \\`,
      `  --log-filter=${shq(FILTER)}`,
      `WRITER=$(gcloud logging sinks describe ${shq(p['sink-name'])} --project ${proj} --format='value(writerIdentity)')`,
      `gcloud storage buckets add-iam-policy-binding ${b} --member="$WRITER" --role=roles/storage.objectCreator`,
      `gcloud storage buckets update ${b} --lifecycle-file=bucket-lifecycle.json`,
    );
  }
  return lines.join('\n');
}

function terraform(p: Params): string {
  const logConfigs = LOG_TYPES.map((t) => `  audit_log_config {\n    log_type = ${hcl(t)}\n  }`).join('\n');
  const blocks = [
    `provider "google" {
  project = ${hcl(p.project)}
}

resource "google_project_iam_audit_config" "vertex" {
  project = ${hcl(p.project)}
  service = ${hcl(SERVICE)}
${logConfigs}
}

resource "google_logging_project_bucket_config" "default" {
  project        = ${hcl(p.project)}
  location       = "global"
  bucket_id      = "_Default"
  retention_days = ${p['retention-days']}
}`,
  ];
  if (p.bucket) {
    blocks.push(`resource "google_logging_project_sink" "vertex" {
  name                   = ${hcl(p['sink-name'])}
  project                = ${hcl(p.project)}
  destination            = ${hcl(`storage.googleapis.com/${p.bucket}`)}
  filter                 = ${hcl(FILTER)}
  unique_writer_identity = true
}

resource "google_storage_bucket_iam_member" "vertex_sink_writer" {
  bucket = ${hcl(p.bucket)}
  role   = "roles/storage.objectCreator"
  member = google_logging_project_sink.vertex.writer_identity
}`);
  }
  return blocks.join('\n\n');
}

function importCommands(p: Params): string {
  const lines = [
    `gcloud logging read ${shq(FILTER)} --project ${shq(p.project)} --freshness=1d --format=json \\`,
    '  | sightline import --source vertex -',
  ];
  if (p.bucket)
    lines.push(
      `gcloud storage cp -r ${shq(`gs://${p.bucket}/cloudaudit.googleapis.com`)} ./vertex-logs`,
      'sightline import --source vertex ./vertex-logs',
    );
  return lines.join('\n');
}

export const gcpSetup: SetupProvider<typeof params> = {
  name: 'gcp',
  options: {
    project: { description: 'GCP project id' },
    bucket: { description: 'Cloud Storage bucket to export audit logs to (optional)' },
    'retention-days': { description: 'retention of the log bucket and export', default: '365' },
    'sink-name': { description: 'name of the log sink', default: 'sightline-vertex-audit' },
  },
  params,
  heading: (p) => `GCP: Vertex AI audit logs, project ${p.project}`,
  render(p): Section[] {
    const sections: Section[] = [
      {
        title: 'Audit config for aiplatform.googleapis.com (vertex-audit-config.json)',
        lang: 'json',
        note: 'ADMIN_READ: reads of models and endpoints; DATA_READ: Predict, GenerateContent; DATA_WRITE: uploads, training.',
        body: json(auditConfig()),
      },
    ];
    if (p.bucket)
      sections.push({
        title: 'Bucket lifecycle (bucket-lifecycle.json)',
        lang: 'json',
        body: json(lifecycle(p)),
      });
    sections.push(
      { title: 'gcloud', lang: 'sh', body: cli(p) },
      { title: 'Terraform (instead of gcloud)', lang: 'hcl', body: terraform(p) },
      { title: 'Import into Sightline', lang: 'sh', body: importCommands(p) },
    );
    return sections;
  },
};
