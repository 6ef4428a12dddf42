import type { IncomingHttpHeaders } from 'node:http';
import type { UpstreamConfig } from '../config/gateway-schema.js';

function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
}

export class UpstreamRouter {
  private readonly routes: { upstream: UpstreamConfig; patterns: RegExp[] }[];

  constructor(upstreams: readonly UpstreamConfig[]) {
    this.routes = upstreams.map((u) => ({ upstream: u, patterns: u.models.map(globToRegExp) }));
  }

  /** First upstream of a compatible kind whose model patterns match. */
  pick(model: string | undefined, kinds: readonly UpstreamConfig['kind'][]): UpstreamConfig | undefined {
    const name = model ?? '';
    return this.routes.find((r) => kinds.includes(r.upstream.kind) && r.patterns.some((p) => p.test(name)))
      ?.upstream;
  }

  all(): UpstreamConfig[] {
    return this.routes.map((r) => r.upstream);
  }
}

/**
 * Where to send an OpenAI-style path (e.g. `/chat/completions`) on this upstream. Azure has three
 * shapes: its v1 API (base URL ending in `/openai/v1`) takes OpenAI paths as they are; the
 * Responses API lives beside the deployments (`/openai/responses`), with the deployment named in
 * the body; everything else goes to `/openai/deployments/{deployment}{path}`.
 */
export function upstreamUrl(u: UpstreamConfig, path: string, model: string | undefined): string {
  const base = u.base_url.replace(/\/+$/, '');
  if (u.kind === 'azure') {
    if (base.endsWith('/openai/v1')) return `${base}${path}`;
    const root = base.replace(/\/openai$/, '');
    if (path === '/responses')
      return `${root}/openai/responses?api-version=${encodeURIComponent(u.azure_responses_api_version)}`;
    const deployment = encodeURIComponent(azureDeployment(u, model) ?? '');
    return `${root}/openai/deployments/${deployment}${path}?api-version=${encodeURIComponent(u.azure_api_version)}`;
  }
  if (u.kind === 'anthropic') return `${base}${base.endsWith('/v1') ? '' : '/v1'}${path}`;
  return `${base}${path}`;
}

/** Azure names deployments, not models: the configured mapping, else the model name as given. */
export function azureDeployment(u: UpstreamConfig, model: string | undefined): string | undefined {
  return (model && u.deployments[model]) ?? model;
}

/** Response headers worth relaying from a provider's error: when to retry, and which request failed. */
const RELAYED_ERROR_HEADERS = ['retry-after', 'retry-after-ms', 'x-ms-region'];
/** Sightline's own x-request-id names the gateway hop; the provider's id travels beside it. */
const PROVIDER_REQUEST_IDS = ['x-request-id', 'request-id', 'apim-request-id'];

export function relayedErrorHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const one = (name: string) => {
    const v = headers[name];
    return (Array.isArray(v) ? v[0] : v)?.slice(0, 256);
  };
  const out: Record<string, string> = { 'content-type': one('content-type') ?? 'application/json' };
  for (const name of RELAYED_ERROR_HEADERS) {
    const v = one(name);
    if (v) out[name] = v;
  }
  const id = PROVIDER_REQUEST_IDS.map(one).find(Boolean);
  if (id) out['x-upstream-request-id'] = id;
  for (const name of Object.keys(headers))
    if (name.startsWith('x-ratelimit-') || name.startsWith('anthropic-ratelimit-')) out[name] = one(name)!;
  return out;
}

/**
 * Upstream credentials come from the gateway's environment; the caller's own credentials are
 * forwarded only when the upstream is configured to.
 */
export function upstreamHeaders(
  u: UpstreamConfig,
  callerAuthorization: string | undefined,
): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
  };
  const secret = u.api_key_env ? process.env[u.api_key_env] : undefined;
  if (u.kind === 'anthropic') {
    headers['anthropic-version'] = '2023-06-01';
    if (secret) headers['x-api-key'] = secret;
  } else if (u.kind === 'azure') {
    if (secret) headers['api-key'] = secret;
  } else if (secret) headers.authorization = `Bearer ${secret}`;
  if (u.forward_caller_credentials && callerAuthorization) headers.authorization = callerAuthorization;
  return headers;
}
