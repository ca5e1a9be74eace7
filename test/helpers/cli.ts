/** Runs the built `mailtls` CLI (the bundle package.json's bin points at) as a real child process (built once if missing). */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { testPki } from './env.js';

export const cliPath = join(process.cwd(), 'out/cli/main.cjs');

export function ensureCliBuilt(): void {
  if (!existsSync(cliPath)) execFileSync('npm', ['run', 'build:node'], { stdio: 'inherit' });
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Collects a child's output until it closes; killed after `timeoutMs`. */
export function collect(child: ChildProcess, timeoutMs: number, input?: string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    if (input !== undefined) child.stdin?.end(input);
  });
}

/** The environment a CLI test runs in: English locale unless `env` says otherwise. */
export function cliEnv(env: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...process.env, LANG: 'en_US.UTF-8', LC_ALL: '', LC_MESSAGES: '', ...env };
}

export function runCli(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number } = {},
): Promise<CliRun> {
  ensureCliBuilt();
  const child = spawn(process.execPath, [cliPath, ...args], { env: cliEnv(options.env), stdio: 'pipe' });
  return collect(child, options.timeoutMs ?? 20_000, options.input ?? '');
}

/** `mailtls check --json` of one implicit-TLS port on loopback, trusting the test CA. */
export function implicitCheckArgs(port: number): string[] {
  return ['check', '127.0.0.1', '--ports', `${port}:implicit`, '--ca', testPki().caFile, '--json'];
}
