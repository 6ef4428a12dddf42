import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { MapOutcome, MappedEvent } from './types.js';

/** Metadata strings are bounded by the event schema; provider values are cut, never rejected. */
export function clip(value: unknown, max = 512): string | undefined {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'string' || value === '') return undefined;
  return value.length > max ? value.slice(0, max) : value;
}

const CONTENT_MAX = 1_000_000;
export function clipContent(value: string): string {
  return value.length > CONTENT_MAX ? value.slice(0, CONTENT_MAX) : value;
}

/** Attributes without the undefined values, each cut to the schema's 2,048 characters. */
export function attributes(
  entries: Record<string, string | number | boolean | undefined | null>,
): Record<string, string | number | boolean> | undefined {
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(entries)) {
    if (v === undefined || v === null || v === '') continue;
    out[k] = typeof v === 'string' && v.length > 2048 ? v.slice(0, 2048) : v;
  }
  return Object.keys(out).length ? out : undefined;
}

/** `CreateGuardrailVersion` → `guardrail_version`. */
export function snake(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toLowerCase();
}

/** A short, stable digest of a configuration value, for before/after drift without the value. */
export function shortHash(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);
}

export function nonNegativeInt(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.round(value) : undefined;
}

/** A zod failure as one line naming the field: `identity.arn: expected string`. */
export function schemaError(what: string, error: z.ZodError): MapOutcome {
  const issue = error.issues[0];
  const path = issue?.path.length ? issue.path.map(String).join('.') : '(root)';
  return { error: `invalid ${what}: ${path}: ${issue?.message ?? 'invalid'}` };
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Records inside a CloudWatch Logs subscription payload (`{"logEvents":[{"message":"{...}"}]}`, as
 * delivered by Firehose or a Lambda subscription), or undefined when the value is not one.
 * A message that is not JSON is kept as a string so the mapper reports it as malformed.
 */
export function cloudWatchMessages(value: unknown): unknown[] | undefined {
  if (!isObject(value) || !Array.isArray(value.logEvents)) return undefined;
  if (value.messageType === 'CONTROL_MESSAGE') return [];
  return value.logEvents.map((e: unknown) => {
    const msg = isObject(e) ? e.message : undefined;
    if (typeof msg !== 'string') return msg;
    try {
      return JSON.parse(msg) as unknown;
    } catch {
      return msg;
    }
  });
}

/** HTTP-ish error codes that mean "you may not", across providers. */
export function isDenial(code: string | undefined): boolean {
  if (!code) return false;
  return /^(AccessDenied|AccessDeniedException|UnauthorizedOperation|Client\.UnauthorizedOperation|UnrecognizedClientException|InvalidClientTokenId|AuthorizationFailed|Forbidden|Unauthorized|401|403)$/i.test(
    code,
  );
}

/** The `auth` event every importer emits for a refused call, on top of the record's common fields. */
export function denial(
  base: Omit<MappedEvent, 'kind'>,
  resource: string | undefined,
  reason: string | undefined,
): MappedEvent {
  return {
    ...base,
    kind: 'auth',
    status: 'denied',
    auth: { outcome: 'denied', method: base.auth_method, resource: clip(resource), reason: clip(reason) },
  };
}
