/**
 * The CLI's chain memo (engine/tls/chain-memo.ts): one file in the user's cache
 * folder, read when an audit starts and written after it when it learned a chain.
 * The executable lends the file (cli/code-cache.ts); without it, as when
 * `MAILTLS_NO_CACHE` is set or the folder is not the user's own, nothing is
 * remembered and every check verifies in full.
 */
import { sameEntry, type ChainMemo, type RememberedChain } from '../engine/tls/chain-memo.js';
import type { MemoFile } from './code-cache.js';

/** A server behind a load balancer may present a few chains; more than this per endpoint are not kept. */
const chainsPerEndpoint = 4;
/** The newest this many chains are kept in all. */
const chainsKept = 256;

export interface ChainMemoFile extends ChainMemo {
  /** Writes what this run learned, if anything. */
  save(): void;
}

const base64 = /^[A-Za-z0-9+/]+={0,2}$/;

function isRememberedChain(value: unknown): value is RememberedChain {
  const chain = value as Partial<Record<keyof RememberedChain, unknown>> | null;
  return (
    typeof chain === 'object' &&
    chain !== null &&
    typeof chain.endpoint === 'string' &&
    Array.isArray(chain.chain) &&
    chain.chain.length > 0 &&
    chain.chain.every((cert) => typeof cert === 'string' && base64.test(cert)) &&
    Number.isFinite(chain.validFrom) &&
    Number.isFinite(chain.validTo) &&
    typeof chain.context === 'string' &&
    typeof chain.rememberable === 'boolean'
  );
}

/** The remembered chains in `data`; none when it is missing or not what this version writes. */
function parse(data: Buffer | undefined): RememberedChain[] {
  if (!data) return [];
  try {
    const content = JSON.parse(data.toString('utf8')) as { version?: unknown; chains?: unknown };
    return content.version === 1 && Array.isArray(content.chains)
      ? content.chains.filter(isRememberedChain)
      : [];
  } catch {
    return [];
  }
}

/** The memo in the file the executable lent, or undefined when it lent none. */
export function openChainMemo(
  file = (globalThis as Record<symbol, MemoFile | undefined>)[Symbol.for('mailtls.chain-memo-file')],
): ChainMemoFile | undefined {
  if (!file) return undefined;
  let chains = parse(file.read());
  let changed = false;
  return {
    chains: (endpoint) => chains.filter((chain) => chain.endpoint === endpoint),
    remember(chain) {
      if (chains.some((known) => sameEntry(known, chain) && known.rememberable === chain.rememberable))
        return;
      // Newest first: a renewed certificate's chain goes before the one it replaces.
      chains = [chain, ...chains.filter((known) => !sameEntry(known, chain))];
      changed = true;
    },
    save() {
      if (!changed) return;
      const now = Date.now();
      const perEndpoint = new Map<string, number>();
      const kept = chains
        .filter((chain) => chain.validTo >= now)
        .filter((chain) => {
          const count = perEndpoint.get(chain.endpoint) ?? 0;
          perEndpoint.set(chain.endpoint, count + 1);
          return count < chainsPerEndpoint;
        })
        .slice(0, chainsKept);
      file.write(Buffer.from(JSON.stringify({ version: 1, chains: kept })));
      changed = false;
    },
  };
}
