/**
 * Remembered passwords (desktop app only, and only when the user ticks
 * "remember"). The encryption is the operating system's, through Electron's
 * safeStorage, which main passes in as a `SecretCipher`; this module only keeps
 * the ciphertexts in one JSON file, written atomically with owner-only access.
 * Without a working cipher nothing is stored: never a plaintext fallback.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { UserFacingError } from '../core/errors.js';

/** What main backs with `safeStorage` (encryptString, decryptString, isEncryptionAvailable). */
export interface SecretCipher {
  encrypt(plain: string): Buffer;
  decrypt(encrypted: Buffer): string;
  isAvailable(): boolean;
}

/** One remembered password per account on one server. */
export function secretKey(user: string, host: string, port: number): string {
  return `${user.toLowerCase()}@${host.toLowerCase()}:${port}`;
}

const fileSchema = 'mailtls.secrets/1';

/** Why nothing can be remembered here; also what the service answers when asked to. */
export function noKeychainError(): UserFacingError {
  return new UserFacingError('not-available', {
    en: 'This computer offers no secure password storage (system keychain), so the password cannot be remembered. Enter it each time instead.',
    ja: 'このコンピューターでは安全なパスワードの保管場所（システムのキーチェーン）が使えないため、パスワードを記憶できません。毎回入力してください。',
  });
}

export class SecretStore {
  constructor(
    private readonly file: string,
    private readonly cipher: SecretCipher,
  ) {}

  get available(): boolean {
    return this.cipher.isAvailable();
  }

  async remember(key: string, password: string): Promise<void> {
    if (!this.cipher.isAvailable()) throw noKeychainError();
    const entries = await this.read();
    entries.set(key, this.cipher.encrypt(password).toString('base64'));
    await this.write(entries);
  }

  /** The remembered password, or null (none stored, no cipher, or it no longer decrypts). */
  async recall(key: string): Promise<string | null> {
    if (!this.cipher.isAvailable()) return null;
    const stored = (await this.read()).get(key);
    if (stored === undefined) return null;
    try {
      return this.cipher.decrypt(Buffer.from(stored, 'base64'));
    } catch {
      // A keychain that changed (new OS user, reinstalled) cannot read old entries: ask again.
      return null;
    }
  }

  async forget(key: string): Promise<void> {
    const entries = await this.read();
    if (entries.delete(key)) await this.write(entries);
  }

  private async read(): Promise<Map<string, string>> {
    let content: string;
    try {
      content = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
      throw error;
    }
    const entries = new Map<string, string>();
    try {
      const parsed = JSON.parse(content) as { schema?: unknown; entries?: unknown };
      if (parsed.schema === fileSchema && parsed.entries && typeof parsed.entries === 'object') {
        for (const [key, value] of Object.entries(parsed.entries)) {
          if (typeof value === 'string') entries.set(key, value);
        }
      }
    } catch {
      // A damaged file only costs the remembered passwords; the user types them again.
    }
    return entries;
  }

  private async write(entries: Map<string, string>): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true });
    const temp = `${this.file}.${randomBytes(6).toString('hex')}.tmp`;
    const content = JSON.stringify({ schema: fileSchema, entries: Object.fromEntries(entries) });
    try {
      await writeFile(temp, content, { mode: 0o600 });
      await rename(temp, this.file);
      await chmod(this.file, 0o600);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }
}
