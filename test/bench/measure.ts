/** Timing helpers for the benchmark: repeated runs, child processes, and the figures' table. */
import { spawn } from 'node:child_process';

export interface Stats {
  name: string;
  runs: number;
  median: number;
  min: number;
  max: number;
  unit: string;
}

export function stats(name: string, samples: number[], unit = 'ms'): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return { name, runs: sorted.length, median, min: sorted[0] ?? 0, max: sorted.at(-1) ?? 0, unit };
}

/**
 * Times two things in turns (a, b, a, b...) after one unmeasured round, so a change
 * in the machine's load (other work shares it) hits both alike.
 */
export async function alternated(
  names: [string, string],
  runs: number,
  fns: [() => Promise<void>, () => Promise<void>],
): Promise<[Stats, Stats]> {
  const samples: [number[], number[]] = [[], []];
  for (let i = 0; i <= runs; i += 1) {
    for (const side of [0, 1] as const) {
      const start = performance.now();
      await fns[side]();
      if (i > 0) samples[side].push(performance.now() - start);
    }
  }
  return [stats(names[0], samples[0]), stats(names[1], samples[1])];
}

/** Runs `fn` once unmeasured (warm caches), then `runs` times measured. */
export async function timed(name: string, runs: number, fn: () => Promise<void>): Promise<Stats> {
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return stats(name, samples);
}

export interface ProcessResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end; stdin is closed at once (peers must not wait for input). */
export function run(
  command: string,
  args: string[],
  timeoutMs = 120_000,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs a command and fails the benchmark when its exit code says it did not do its job. */
export async function mustRun(
  command: string,
  args: string[],
  okCodes: (code: number) => boolean = (code) => code === 0,
  timeoutMs?: number,
  env?: NodeJS.ProcessEnv,
): Promise<ProcessResult> {
  const result = await run(command, args, timeoutMs, env);
  if (result.code === null || !okCodes(result.code)) {
    throw new Error(
      `${command} ${args.join(' ')} exited with ${result.code}\n${result.stdout}\n${result.stderr}`,
    );
  }
  return result;
}

export function formatValue(value: number, unit: string): string {
  if (unit === 'ms') return value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`;
  if (unit === 'MB') return `${value.toFixed(1)} MB`;
  return `${value.toFixed(1)} ${unit}`;
}

export function statsTable(rows: Stats[]): string {
  const lines = ['| Measurement | Runs | Median | Min | Max |', '|---|---:|---:|---:|---:|'];
  for (const row of rows) {
    const f = (v: number) => formatValue(v, row.unit);
    lines.push(`| ${row.name} | ${row.runs} | ${f(row.median)} | ${f(row.min)} | ${f(row.max)} |`);
  }
  return lines.join('\n');
}

export interface Ratio {
  name: string;
  value: number;
  /** The goal as text, and whether it was met; null when there is no goal. */
  goal: { text: string; met: boolean } | null;
}

export function ratioTable(rows: Ratio[]): string {
  const lines = ['| Ratio (medians) | Value | Goal | Met |', '|---|---:|---|---|'];
  for (const row of rows) {
    const goal = row.goal ? row.goal.text : '—';
    const met = row.goal ? (row.goal.met ? 'yes' : '**no**') : '—';
    lines.push(`| ${row.name} | ${row.value.toFixed(row.value >= 100 ? 0 : 2)}× | ${goal} | ${met} |`);
  }
  return lines.join('\n');
}
