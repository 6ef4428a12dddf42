import type { Exporter } from './exporter.js';

/** What the wrappers need from the client: where events go, and the client-wide switches. */
export interface SdkCore {
  record(event: Record<string, unknown>): void;
  /** Send prompt and response text (the server still decides whether to store it). */
  content: boolean;
  /** Throws SightlineBlockedError before a model call whose prompt is an attack. */
  guard?: (texts: string[]) => void;
  caller?: string;
  exporter: Exporter;
}
