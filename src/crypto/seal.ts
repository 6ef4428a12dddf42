import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { KeyProvider } from './key-provider.js';

/** An encrypted content record: AES-256-GCM, bound to its event id so records cannot be swapped. */
export interface SealedContent {
  keyId: string;
  /** iv (12) ‖ tag (16) ‖ ciphertext */
  blob: Buffer;
}

export function seal(keys: KeyProvider, eventId: string, day: string, plaintext: string): SealedContent {
  const { id, key } = keys.keyForWrite(day);
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(Buffer.from(eventId));
  const ct = Buffer.concat([c.update(plaintext, 'utf8'), c.final()]);
  return { keyId: id, blob: Buffer.concat([iv, c.getAuthTag(), ct]) };
}

export class ContentShreddedError extends Error {
  constructor(keyId: string) {
    super(`content key ${keyId} no longer exists (shredded by retention)`);
  }
}

export function open(keys: KeyProvider, eventId: string, sealed: SealedContent): string {
  const key = keys.keyForRead(sealed.keyId);
  if (!key) throw new ContentShreddedError(sealed.keyId);
  const d = createDecipheriv('aes-256-gcm', key, sealed.blob.subarray(0, 12));
  d.setAAD(Buffer.from(eventId));
  d.setAuthTag(sealed.blob.subarray(12, 28));
  return Buffer.concat([d.update(sealed.blob.subarray(28)), d.final()]).toString('utf8');
}
