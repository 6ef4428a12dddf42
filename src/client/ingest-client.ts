/** Per-record outcome reported by `POST /v1/events`. */
export interface RecordError {
  index: number;
  path: string;
  message: string;
}

export interface IngestResponse {
  accepted: number;
  rejected: number;
  duplicates: number;
  errors: RecordError[];
}

export interface IngestClientOptions {
  url: string;
  apiKey: string;
  /** Retries on 429/503/connection errors, honouring Retry-After. */
  maxRetries?: number;
  fetchImpl?: typeof fetch;
}

export class IngestHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Sends NDJSON batches to a Sightline server. Used by `sightline ingest`, `sightline import` and
 * `sightline simulate`, so every CLI path goes through the same validation and spool as the API.
 */
export class IngestClient {
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly opts: IngestClientOptions) {
    this.fetchImpl = opts.fetchImpl ?? fetch;
  }

  /** `lines` are NDJSON lines (already serialised) so callers can send what they read verbatim. */
  async sendLines(lines: readonly string[]): Promise<IngestResponse> {
    const body = lines.join('\n');
    const maxRetries = this.opts.maxRetries ?? 8;
    for (let attempt = 0; ; attempt++) {
      let res: Response;
      try {
        res = await this.fetchImpl(new URL('/v1/events', this.opts.url), {
          method: 'POST',
          headers: { authorization: `Bearer ${this.opts.apiKey}`, 'content-type': 'application/x-ndjson' },
          body,
        });
      } catch (e) {
        if (attempt >= maxRetries) throw new Error(`cannot reach ${this.opts.url}: ${(e as Error).message}`);
        await sleep(backoff(attempt));
        continue;
      }
      if (res.status === 429 || res.status === 503) {
        await res.body?.cancel();
        if (attempt >= maxRetries)
          throw new IngestHttpError(res.status, `server busy (${res.status}) after retries`);
        const after = Number(res.headers.get('retry-after'));
        await sleep(Number.isFinite(after) && after > 0 ? after * 1000 : backoff(attempt));
        continue;
      }
      const text = await res.text();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw new IngestHttpError(res.status, `server answered ${res.status} with a non-JSON body`);
      }
      if (res.status === 202 || res.status === 200 || (res.status === 400 && isIngestResponse(json))) {
        return json as IngestResponse;
      }
      const msg = (json as { error?: { message?: string } }).error?.message ?? `HTTP ${res.status}`;
      throw new IngestHttpError(res.status, msg);
    }
  }

  sendEvents(events: readonly unknown[]): Promise<IngestResponse> {
    return this.sendLines(events.map((e) => JSON.stringify(e)));
  }
}

function isIngestResponse(v: unknown): boolean {
  return typeof v === 'object' && v !== null && 'accepted' in v && 'errors' in v;
}

function backoff(attempt: number): number {
  return Math.min(5000, 100 * 2 ** attempt) * (0.5 + Math.random() / 2);
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
