import { hash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { z } from 'zod';
import { writeSecretFile } from '../crypto/local-key-provider.js';
import { ROLES, type Role } from './roles.js';

const keyRecordSchema = z
  .object({
    id: z.string().regex(/^[a-f0-9]{12}$/),
    hash: z.string().regex(/^[a-f0-9]{64}$/),
    role: z.enum(ROLES),
    principal: z.string().min(1).max(256),
    team: z.string().max(256).optional(),
    tenant: z.string().max(64).default('default'),
    /** Gateway policy name for `app` keys. */
    policy: z.string().max(128).optional(),
    created_at: z.string(),
    expires_at: z.string().optional(),
    revoked_at: z.string().optional(),
  })
  .strict();
export type ApiKeyRecord = z.infer<typeof keyRecordSchema>;
const fileSchema = z.object({ version: z.literal(1), keys: z.array(keyRecordSchema) }).strict();

export interface Principal {
  keyId: string;
  role: Role;
  principal: string;
  team?: string;
  tenant: string;
  policy?: string;
}

const KEY_FORMAT = /^sl_([a-f0-9]{12})_([A-Za-z0-9_-]{43})$/;
const DUMMY_HASH = Buffer.alloc(32);

function hashKey(key: string): Buffer {
  return hash('sha256', key, 'buffer');
}

/**
 * API keys live in a file (mode 0600) rather than the database, so `sightline keys create` works
 * while the server holds the database open; the server re-reads the file when it changes.
 * Only SHA-256 hashes are stored: keys are 256-bit random, so a slow hash adds nothing.
 */
export class ApiKeyStore {
  private records: ApiKeyRecord[] = [];
  /** Per key id, the record and its hash as bytes: every proxied call verifies a key. */
  private byId = new Map<string, { record: ApiKeyRecord; hash: Buffer }>();
  private mtimeMs = -1;
  private checkedAt = 0;

  constructor(private readonly path: string) {
    this.reload(true);
  }

  create(opts: {
    role: Role;
    principal: string;
    team?: string;
    tenant?: string;
    policy?: string;
    expiresAt?: string;
  }): { key: string; record: ApiKeyRecord } {
    this.reload(true);
    const id = randomBytes(6).toString('hex');
    const key = `sl_${id}_${randomBytes(32).toString('base64url')}`;
    const record: ApiKeyRecord = {
      id,
      hash: hashKey(key).toString('hex'),
      role: opts.role,
      principal: opts.principal,
      team: opts.team,
      tenant: opts.tenant ?? 'default',
      policy: opts.policy,
      created_at: new Date().toISOString(),
      expires_at: opts.expiresAt,
    };
    this.records.push(record);
    this.index();
    this.save();
    return { key, record };
  }

  revoke(id: string): boolean {
    this.reload(true);
    const r = this.records.find((k) => k.id === id && !k.revoked_at);
    if (!r) return false;
    r.revoked_at = new Date().toISOString();
    this.save();
    return true;
  }

  list(): readonly ApiKeyRecord[] {
    this.reload();
    return this.records;
  }

  /** Constant-time in the key's secret part; unknown ids cost the same comparison. */
  verify(presented: string | undefined, now = Date.now()): Principal | undefined {
    this.reload();
    const m = presented ? KEY_FORMAT.exec(presented) : null;
    const known = m ? this.byId.get(m[1]!) : undefined;
    const ok = timingSafeEqual(hashKey(presented ?? ''), known?.hash ?? DUMMY_HASH) && known !== undefined;
    if (!ok || !known) return undefined;
    const record = known.record;
    if (record.revoked_at) return undefined;
    if (record.expires_at && Date.parse(record.expires_at) <= now) return undefined;
    return {
      keyId: record.id,
      role: record.role,
      principal: record.principal,
      team: record.team,
      tenant: record.tenant,
      policy: record.policy,
    };
  }

  private index(): void {
    this.byId = new Map(this.records.map((r) => [r.id, { record: r, hash: Buffer.from(r.hash, 'hex') }]));
  }

  private reload(force = false): void {
    const now = Date.now();
    if (!force && now - this.checkedAt < 1000) return;
    this.checkedAt = now;
    if (!existsSync(this.path)) {
      this.records = [];
      this.index();
      this.mtimeMs = -1;
      return;
    }
    const mtime = statSync(this.path).mtimeMs;
    if (!force && mtime === this.mtimeMs) return;
    const parsed = fileSchema.safeParse(JSON.parse(readFileSync(this.path, 'utf8')));
    if (!parsed.success) {
      throw new Error(
        `${this.path}: invalid key file (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message})`,
      );
    }
    this.records = parsed.data.keys;
    this.index();
    this.mtimeMs = mtime;
  }

  private save(): void {
    writeSecretFile(this.path, JSON.stringify({ version: 1, keys: this.records }, null, 2));
    this.mtimeMs = statSync(this.path).mtimeMs;
  }
}
