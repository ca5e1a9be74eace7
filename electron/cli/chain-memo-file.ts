/**
 * The CLI's chain memo (engine/tls/chain-memo.ts): one file in the user's cache
 * folder, read when an audit starts and written after it when it learned a chain.
 * The executable lends the folder (cli/code-cache.ts); without it, as when
 * `MAILTLS_NO_CACHE` is set or the folder is not the user's own, nothing is
 * remembered and every check verifies in full.
 */
import type { ChainMemo, RememberedChain } from '../engine/tls/chain-memo.js';
import type { CacheFolder } from './code-cache.js';

const fileName = 'verified-chains.json';
/** A server behind a load balancer may present a few chains; more than this per endpoint are not kept. */
const chainsPerEndpoint = 4;
/** The newest this many chains are kept in all. */
const chainsKept = 256;

export interface ChainMemoFile extends ChainMemo {
  /** Writes what this run learned, if anything. */
  save(): void;
}

function isRememberedChain(value: unknown): value is RememberedChain {
  const chain = value as Partial<RememberedChain> | null;
  return (
    typeof chain === 'object' &&
    chain !== null &&
    typeof chain.endpoint === 'string' &&
    typeof chain.presented === 'string' &&
    /^[0-9a-f]{64}$/.test(chain.presented) &&
    typeof chain.anchor === 'string' &&
    typeof chain.validFrom === 'number' &&
    typeof chain.validTo === 'number' &&
    typeof chain.runtime === 'string'
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

function same(a: RememberedChain, b: RememberedChain): boolean {
  return (
    a.endpoint === b.endpoint &&
    a.presented === b.presented &&
    a.anchor === b.anchor &&
    a.validFrom === b.validFrom &&
    a.validTo === b.validTo &&
    a.runtime === b.runtime
  );
}

/** The memo in the folder the executable lent, or undefined when it lent none. */
export function openChainMemo(
  folder = (globalThis as Record<symbol, CacheFolder | undefined>)[Symbol.for('mailtls.cache-folder')],
): ChainMemoFile | undefined {
  if (!folder) return undefined;
  let chains = parse(folder.read(fileName));
  let changed = false;
  return {
    chains: (endpoint) => chains.filter((chain) => chain.endpoint === endpoint),
    remember(chain) {
      if (chains.some((known) => same(known, chain))) return;
      // Newest first: a renewed certificate's chain goes before the one it replaces.
      chains = [
        chain,
        ...chains.filter((known) => known.endpoint !== chain.endpoint || known.presented !== chain.presented),
      ];
      changed = true;
    },
    save() {
      if (!changed) return;
      const now = Date.now();
      const perEndpoint = new Map<string, number>();
      const kept = chains
        .filter((chain) => {
          const count = perEndpoint.get(chain.endpoint) ?? 0;
          perEndpoint.set(chain.endpoint, count + 1);
          return chain.validTo >= now && count < chainsPerEndpoint;
        })
        .slice(0, chainsKept);
      folder.write(fileName, Buffer.from(JSON.stringify({ version: 1, chains: kept })));
      changed = false;
    },
  };
}
