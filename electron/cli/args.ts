import { UsageError } from './context.js';

export interface OptionSpec {
  /** Takes a value (`--timeout 5000` or `--timeout=5000`) or is a flag. */
  kind: 'value' | 'flag';
}

export interface ParsedArgs {
  positionals: string[];
  values: Map<string, string>;
  flags: Set<string>;
}

/** Parses `args` against `spec`; unknown options and missing values are usage errors. */
export function parseArgs(args: string[], spec: Record<string, OptionSpec>): ParsedArgs {
  const parsed: ParsedArgs = { positionals: [], values: new Map(), flags: new Set() };
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    if (arg === '--') {
      parsed.positionals.push(...args.slice(i + 1));
      break;
    }
    if (/^-[^-]/.test(arg)) {
      // No server, domain or file name a command takes begins with "-" (`--` lets one
      // through): "-p 587" is a mistyped option, not a second server name.
      throw new UsageError({ en: `Unknown option ${arg}.`, ja: `不明なオプションです: ${arg}` });
    }
    if (!arg.startsWith('--')) {
      parsed.positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    const option = spec[name];
    if (!option) {
      throw new UsageError({ en: `Unknown option --${name}.`, ja: `不明なオプションです: --${name}` });
    }
    if (option.kind === 'flag') {
      if (eq !== -1)
        throw new UsageError({ en: `--${name} takes no value.`, ja: `--${name} に値は指定できません。` });
      parsed.flags.add(name);
      continue;
    }
    const value = eq === -1 ? args[++i] : arg.slice(eq + 1);
    if (value === undefined || value === '') {
      throw new UsageError({ en: `--${name} needs a value.`, ja: `--${name} には値が必要です。` });
    }
    parsed.values.set(name, value);
  }
  return parsed;
}

/** A whole number within bounds, or a usage error that names the option. */
export function parseIntegerOption(name: string, raw: string, min: number, max: number): number {
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new UsageError({
      en: `--${name} must be a whole number from ${min} to ${max} (got "${raw}").`,
      ja: `--${name} には ${min} から ${max} までの整数を指定してください（指定値: "${raw}"）。`,
    });
  }
  return Number(raw);
}
