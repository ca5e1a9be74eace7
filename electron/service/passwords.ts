/**
 * Remembered passwords: the log-in and send tests run with the typed or the
 * remembered password (or an access token), and a typed one is kept only when
 * asked, only after the server accepted it, and only where there is a keychain.
 */
import { z } from 'zod';
import { channels, type LoginTestRequest } from '../contract.js';
import { UserFacingError } from '../engine/core/errors.js';
import { noKeychainError, secretKey } from '../engine/login/secret-store.js';
import { notAvailableError, type ParsedRequest } from './dispatch.js';

/** Remembered passwords, encrypted by the system keychain (electron/engine/login/secret-store.ts). */
export interface PasswordStore {
  readonly available: boolean;
  remember(key: string, password: string): Promise<void>;
  recall(key: string): Promise<string | null>;
  forget(key: string): Promise<void>;
}

type TestRequest = ParsedRequest<'loginTest'> | ParsedRequest<'sendTest'>;
type Account = ParsedRequest<'recallPassword'>;

/** What is kept in the keychain: the password and the trust it was accepted under. */
const rememberedSchema = z
  .object({
    password: z.string().min(1),
    caPem: z.string().nullable(),
    pinnedFingerprint256: z.string().nullable(),
  })
  .strict();
type Remembered = z.infer<typeof rememberedSchema>;

function parseRemembered(stored: string | null): Remembered | null {
  if (stored === null) return null;
  try {
    const parsed = rememberedSchema.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function noRememberedPasswordError(): UserFacingError {
  return new UserFacingError('not-found', {
    en: 'No password is remembered for this account on this computer. Enter the password.',
    ja: 'このコンピューターには、このアカウントのパスワードが記憶されていません。パスワードを入力してください。',
  });
}

/**
 * The password channels over an optional store: without one (browser mode, the
 * CLI) they answer `not-available` and `remember` is ignored.
 */
export function createPasswords(store: PasswordStore | undefined) {
  const usable = (): PasswordStore => {
    if (!store) throw notAvailableError(channels.recallPassword.name);
    if (!store.available) throw noKeychainError();
    return store;
  };

  /**
   * Runs a log-in or send test with the typed or the remembered password, or an
   * access token. The keychain is checked before the test, so a refusal costs no test.
   */
  async function withPassword<R extends TestRequest, T>(
    { credentials, remember, ...target }: R,
    run: (request: Omit<R, 'credentials' | 'remember'> & LoginTestRequest) => Promise<T>,
    accepted: (result: T) => boolean,
  ): Promise<T> {
    const key = secretKey(credentials.user, target.host, target.port);
    if ('useRememberedPassword' in credentials) {
      const saved = parseRemembered(await usable().recall(key));
      if (saved === null) throw noRememberedPasswordError();
      // The trust it was remembered under, never the request's: a compromised page must not
      // be able to send the keychain's password to a server it vouches for with its own CA or pin.
      return run({
        ...target,
        caPem: saved.caPem ?? undefined,
        pinnedFingerprint256: saved.pinnedFingerprint256 ?? undefined,
        credentials: { user: credentials.user, password: saved.password },
      });
    }
    // A token is never kept: it expires within hours, and a remembered secret is sent as a password.
    const typed = 'password' in credentials ? credentials.password : null;
    const keeper = remember && typed !== null && store ? usable() : null;
    const result = await run({ ...target, credentials });
    if (keeper && typed !== null && accepted(result)) {
      const saved: Remembered = {
        password: typed,
        caPem: target.caPem ?? null,
        pinnedFingerprint256: target.pinnedFingerprint256 ?? null,
      };
      await keeper.remember(key, JSON.stringify(saved));
    }
    return result;
  }

  return {
    withPassword,
    async isRemembered(account: Account): Promise<boolean> {
      return (await usable().recall(secretKey(account.user, account.host, account.port))) !== null;
    },
    async forget(account: Account): Promise<void> {
      if (!store) throw notAvailableError(channels.forgetPassword.name);
      await store.forget(secretKey(account.user, account.host, account.port));
    },
  };
}
