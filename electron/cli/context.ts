import type { Language } from '../contract.js';

/** What every `mailtls` subcommand gets: its streams, language and a cancel signal (Ctrl-C). */
export interface CliContext {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  language: Language;
  signal: AbortSignal;
}

export interface CliCommand {
  /** Full usage text, per language. */
  usage: Record<Language, string>;
  /** Returns the exit code: 0 success, 1 a negative verdict, 2 bad usage or input. */
  run(args: string[], context: CliContext): Promise<number>;
}

/** A subcommand as `mailtls --help` lists it; its module is loaded only to run it. */
export interface CommandEntry {
  name: string;
  /** One line for `mailtls --help`, per language. */
  summary: Record<Language, string>;
  load(): Promise<CliCommand>;
}

/** Thrown by argument parsing; printed as one line with exit code 2. */
export class UsageError extends Error {
  readonly text: Record<Language, string>;
  constructor(text: Record<Language, string>) {
    super(text.en);
    this.text = text;
  }
}
