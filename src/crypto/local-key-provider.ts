import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import type { DataKey, KeyProvider } from './key-provider.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const KEY_FILE = /^(\d{4}-\d{2}-\d{2})\.(\d+)\.key$/;

/** Writes a file that only the owner can read, atomically (a crash never leaves half a key). */
export function writeSecretFile(path: string, data: string | Buffer): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, data, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
}

/**
 * Writes `data` to `path` only if no file is there yet, atomically; concurrent creators all end
 * up reading the one file that won. Returns the file's content.
 */
export function createSecretFileIfAbsent(path: string, data: string): string {
  if (!existsSync(path)) {
    const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    writeFileSync(tmp, data, { mode: 0o600 });
    try {
      linkSync(tmp, path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    } finally {
      rmSync(tmp, { force: true });
    }
  }
  return readFileSync(path, 'utf8');
}

/**
 * Default key provider: a master key file (mode 0600) wraps one random data key per UTC day.
 * Data keys are random rather than derived from the master key, so deleting a day's key file
 * really destroys it. Rotation bumps the version: new writes use the newest version of the day,
 * old versions stay readable until the day is shredded.
 */
export class LocalKeyProvider implements KeyProvider {
  private readonly master: Buffer;
  private readonly dir: string;
  private readonly cache = new Map<string, Buffer>();
  private readonly current = new Map<string, { dk: DataKey; checkedAt: number }>();
  /** How long a process keeps writing with a day's key before looking for a newer version. */
  static RESCAN_MS = 5000;

  constructor(keyDir: string) {
    this.dir = keyDir;
    mkdirSync(keyDir, { recursive: true, mode: 0o700 });
    const masterPath = join(keyDir, 'master.key');
    this.master = Buffer.from(
      createSecretFileIfAbsent(masterPath, randomBytes(32).toString('base64')).trim(),
      'base64',
    );
    if (this.master.length !== 32) throw new Error(`${masterPath}: master key must be 32 bytes (base64)`);
  }

  keyForWrite(day: string): DataKey {
    const cached = this.current.get(day);
    // Re-read the directory now and then, so a rotation by another process takes effect here too.
    if (cached && Date.now() - cached.checkedAt < LocalKeyProvider.RESCAN_MS) return cached.dk;
    this.current.delete(day);
    if (!DAY.test(day)) throw new Error(`invalid key day "${day}"`);
    const versions = this.versionsOf(day);
    const version = versions.length ? Math.max(...versions) : this.create(day, 1);
    const id = `${day}.${version}`;
    const dk = { id, key: this.keyForRead(id)! };
    this.current.set(day, { dk, checkedAt: Date.now() });
    return dk;
  }

  /** Starts a new data key version for `day`; records already written keep their old key. */
  rotate(day: string): DataKey {
    const versions = this.versionsOf(day);
    const version = this.create(day, (versions.length ? Math.max(...versions) : 0) + 1);
    this.current.delete(day);
    const dk = this.keyForWrite(day);
    if (dk.id !== `${day}.${version}`) throw new Error('rotation did not take effect');
    return dk;
  }

  keyForRead(id: string): Buffer | undefined {
    const path = join(this.dir, `${id}.key`);
    if (!KEY_FILE.test(`${id}.key`)) return undefined;
    // Reads are rare (content reveals); checking the file each time means a day shredded by
    // another process is unreadable here at once, not only after a restart.
    if (!existsSync(path)) {
      this.cache.delete(id);
      return undefined;
    }
    const hit = this.cache.get(id);
    if (hit) return hit;
    const raw = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
    const key = this.unwrap(raw, id);
    this.cache.set(id, key);
    return key;
  }

  shredDay(day: string): number {
    let n = 0;
    for (const v of this.versionsOf(day)) {
      rmSync(join(this.dir, `${day}.${v}.key`), { force: true });
      this.cache.delete(`${day}.${v}`);
      n++;
    }
    this.current.delete(day);
    return n;
  }

  listDays(): string[] {
    const days = new Set<string>();
    for (const f of readdirSync(this.dir)) {
      const m = KEY_FILE.exec(f);
      if (m) days.add(m[1]!);
    }
    return [...days].sort();
  }

  private versionsOf(day: string): number[] {
    const out: number[] = [];
    for (const f of readdirSync(this.dir)) {
      const m = KEY_FILE.exec(f);
      if (m && m[1] === day) out.push(Number(m[2]));
    }
    return out;
  }

  /**
   * Creates version `version` of the day's key unless another thread or process got there first:
   * link(2) fails on an existing name, so exactly one key per version ever exists, and a record
   * sealed by one writer is always readable by every other.
   */
  private create(day: string, version: number): number {
    const id = `${day}.${version}`;
    const path = join(this.dir, `${id}.key`);
    createSecretFileIfAbsent(path, this.wrap(randomBytes(32), id).toString('base64'));
    return version;
  }

  private wrap(key: Buffer, id: string): Buffer {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.master, iv);
    c.setAAD(Buffer.from(id));
    const ct = Buffer.concat([c.update(key), c.final()]);
    return Buffer.concat([iv, c.getAuthTag(), ct]);
  }

  private unwrap(raw: Buffer, id: string): Buffer {
    const d = createDecipheriv('aes-256-gcm', this.master, raw.subarray(0, 12));
    d.setAAD(Buffer.from(id));
    d.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([d.update(raw.subarray(28)), d.final()]);
  }
}
