import type { CliCommand } from '../context.js';
import { batchCommand } from './batch.js';
import { checkCommand } from './check.js';
import { discoverCommand } from './discover.js';
import { dnsCommand } from './dns.js';
import { exportCommand } from './export.js';
import { importCommand } from './import.js';
import { loginCommand } from './login.js';
import { sendTestCommand } from './send-test.js';
import { serveCommand } from './serve.js';

/** Every `mailtls` subcommand, in the order `--help` lists them. */
export const commands: CliCommand[] = [
  checkCommand,
  batchCommand,
  discoverCommand,
  dnsCommand,
  exportCommand,
  importCommand,
  loginCommand,
  sendTestCommand,
  serveCommand,
];
