import type { z } from 'zod';
import type { SightlineConfig } from '../config/schema.js';
import type { PriceTable } from '../config/prices.js';
import type { KeyProvider } from '../crypto/key-provider.js';
import type { SealedContent } from '../crypto/seal.js';
import type { DetectorRegistry } from '../detect/registry.js';
import type { Finding, TextField } from '../detect/types.js';
import type { EventContent, SightlineEvent } from '../events/schema.js';
import type { KnownFindings } from './known-findings.js';

/** One piece of content text with where it lives, so findings and redaction can point at it. */
export interface ContentPart {
  /** Path inside `content`, e.g. `prompt`, `messages.2.content`, `snippets.0`. */
  path: string;
  field: TextField;
  text: string;
}

/** An event on its way through the pipeline: metadata, the raw content, and what was found in it. */
export interface WorkingEvent {
  event: SightlineEvent;
  content?: EventContent;
  parts: ContentPart[];
  /** Findings with the part they belong to; only offsets and categories leave the pipeline. */
  findings: { part: ContentPart; finding: Finding }[];
  /** Set by `route` when the content tier gets a record. */
  sealed?: SealedContent;
  /** Findings the source already computed for some of the parts (the gateway's inline scan). */
  known?: KnownFindings;
}

/** What leaves the pipeline: the metadata row and, where content logging applies, the sealed content. */
export interface ProcessedEvent {
  event: SightlineEvent;
  sealed?: SealedContent;
}

export interface PipelineContext {
  config: SightlineConfig;
  prices: PriceTable;
  detectors: DetectorRegistry;
  keys: KeyProvider;
  /** HMAC key for finding fingerprints (links repeated secrets without storing them). */
  fingerprintKey: Buffer;
  /** Optional hook for compliance decisions (consent) made by later components. */
  contentConsent?: (event: SightlineEvent) => boolean;
}

export interface Stage {
  readonly name: string;
  /** Mutates the working event in place; returning false drops it (counted, never silent). */
  process(w: WorkingEvent): void | false;
}

/** A pipeline component kind: validated config in, stage out. */
export interface StageFactory<C> {
  readonly type: string;
  readonly configSchema: z.ZodType<C>;
  create(config: C, ctx: PipelineContext): Stage;
}
