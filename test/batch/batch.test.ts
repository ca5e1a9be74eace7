/**
 * `mailtls batch` as a real process against real servers on 127.0.0.1: bad lines,
 * JSON lines and CSV output, the summary, Ctrl-C, and the two-connection cap per
 * host:port.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPath, ensureCliBuilt, runCli } from '../helpers/cli.js';
import { testPki } from '../helpers/env.js';
import { rawServer, silent, type HostileServer } from '../helpers/hostile.js';
import { startSmtpServer, type RunningServer } from '../helpers/smtp-server.js';

const dir = mkdtempSync(join(tmpdir(), 'mailtls-batch-'));
const smtp: Record<'implicit' | 'starttls' | 'plaintext', RunningServer | undefined> = {
  implicit: undefined,
  starttls: undefined,
  plaintext: undefined,
};
const rawServers: HostileServer[] = [];

function port(name: keyof typeof smtp): number {
  const server = smtp[name];
  if (!server) throw new Error(`${name} server not started`);
  return server.port;
}

/**
 * A plaintext SMTP server (no STARTTLS) that greets after a pause, so connections
 * overlap, and records the most connections it ever had open at once. A connection
 * counts as gone when its QUIT, FIN or reset arrives.
 */
async function countingServer(): Promise<{ port: number; peak: () => number; total: () => number }> {
  let open = 0;
  let peak = 0;
  let total = 0;
  const server = await rawServer((socket) => {
    open += 1;
    total += 1;
    // Measured a turn of the event loop later: epoll may report this accept before the
    // QUIT or FIN of a connection the client closed first, and the next poll reports that.
    setImmediate(() => setImmediate(() => (peak = Math.max(peak, open))));
    let gone = false;
    const leave = () => {
      if (!gone) open -= 1;
      gone = true;
    };
    socket.on('end', leave);
    socket.on('close', leave);
    socket.on('error', leave);
    const timer = setTimeout(() => socket.write('220 counting ESMTP\r\n'), 100);
    socket.on('close', () => clearTimeout(timer));
    let buffer = '';
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('latin1');
      let newline: number;
      while ((newline = buffer.indexOf('\n')) !== -1) {
        const command = buffer.slice(0, newline).trim().toUpperCase();
        buffer = buffer.slice(newline + 1);
        if (command.startsWith('EHLO')) socket.write('250-counting\r\n250 8BITMIME\r\n');
        else if (command === 'QUIT') {
          // The session is over once QUIT arrives; counting until the client's FIN is
          // processed would also count a closed connection whose FIN is still in flight.
          leave();
          socket.end('221 bye\r\n');
        } else socket.write('250 ok\r\n');
      }
    });
  });
  rawServers.push(server);
  return { port: server.port, peak: () => peak, total: () => total };
}

function writeList(name: string, lines: string[]): string {
  const file = join(dir, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"' && field === '') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else if (char === '"' || char === '\n') {
      throw new Error(`not RFC 4180 at offset ${i}`);
    } else field += char;
  }
  if (quoted || field !== '' || row.length > 0) throw new Error('unterminated CSV record');
  return rows;
}

interface JsonRecord {
  type: 'result' | 'summary';
  [key: string]: unknown;
}

function jsonLines(stdout: string): JsonRecord[] {
  return stdout
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as JsonRecord);
}

const ca = () => ['--ca', testPki().caFile];

beforeAll(async () => {
  smtp.implicit = await startSmtpServer('implicit-tls');
  smtp.starttls = await startSmtpServer('starttls');
  smtp.plaintext = await startSmtpServer('plaintext');
  ensureCliBuilt();
});

afterAll(async () => {
  await Promise.all(Object.values(smtp).map((s) => s?.close()));
  await Promise.all(rawServers.map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
});

describe('mailtls batch', () => {
  it('reports bad lines with their numbers, skips them and tests the rest', async () => {
    const file = writeList('mixed.txt', [
      '# servers to test', // 1
      '', // 2
      `127.0.0.1:${port('implicit')}:implicit   # trailing comment`, // 3
      '::1', // 4: IPv6 without brackets
      '[::1', // 5: unclosed bracket
      'two hosts', // 6
      '127.0.0.1:99999', // 7: port out of range
      `127.0.0.1:${port('starttls')}:sideways`, // 8: unknown mode
      'https://mail.example.com', // 9: a URL
      `[::1]:${port('plaintext')}`, // 10: bracketed IPv6 is fine (nothing listens there)
      '   ', // 11
      `127.0.0.1:${port('implicit')},${port('implicit')}:implicit`, // 12: a port twice, refused by the audit itself
    ]);
    const run = await runCli(['batch', file, '--json', '--timeout', '5000', ...ca()]);
    const reported = [...run.stderr.matchAll(/^mailtls: line (\d+): /gm)].map((m) => Number(m[1]));
    expect(reported).toEqual([4, 5, 6, 7, 8, 9, 12]);
    expect(run.stderr).toContain(`line 12: Port ${port('implicit')} is listed twice.`);
    expect(run.stderr).toContain('line 4: put the IPv6 address in brackets');
    const records = jsonLines(run.stdout);
    const results = records.filter((r) => r.type === 'result');
    expect(results.map((r) => r.line).sort()).toEqual([10, 3]);
    expect(results.find((r) => r.line === 10)).toMatchObject({ host: '::1', secure: false });
    expect(records.at(-1)).toMatchObject({
      type: 'summary',
      total: 3,
      finished: 2,
      failed: 1,
      badLines: 6,
      interrupted: false,
    });
    expect(run.code).toBe(2);
  });

  it('streams parseable JSON lines and counts secure hosts and findings', async () => {
    const file = writeList('json.txt', [
      `127.0.0.1:${port('implicit')}:implicit,${port('starttls')}:starttls`,
      `127.0.0.1:${port('plaintext')}`,
      `127.0.0.1:${port('starttls')}:starttls`,
    ]);
    const run = await runCli(['batch', file, '--json', '--timeout', '5000', ...ca()]);
    const records = jsonLines(run.stdout);
    expect(records).toHaveLength(4);
    const byLine = new Map(records.filter((r) => r.type === 'result').map((r) => [r.line, r]));
    expect(byLine.get(1)).toMatchObject({
      secure: true,
      recommendation: { port: port('implicit'), security: 'implicit-tls' },
      ports: [
        { port: Math.min(port('implicit'), port('starttls')) },
        { port: Math.max(port('implicit'), port('starttls')) },
      ],
      findings: [],
    });
    expect(byLine.get(2)).toMatchObject({ secure: false, recommendation: { port: null, security: null } });
    expect(byLine.get(2)?.findings).toEqual(expect.arrayContaining(['starttls-missing', 'no-secure-option']));
    expect(byLine.get(3)).toMatchObject({ secure: true, recommendation: { security: 'starttls' } });
    expect(records.at(-1)).toMatchObject({
      type: 'summary',
      total: 3,
      finished: 3,
      secure: 2,
      notSecure: 1,
      failed: 0,
      badLines: 0,
      interrupted: false,
      findings: { 'starttls-missing': 1, 'no-secure-option': 1 },
    });
    // Off a terminal, progress is plain lines on stderr, no escape sequences.
    expect(run.stderr).toMatch(/^mailtls: 3\/3 /m);
    expect(run.stderr).not.toContain('\x1b');
    expect(run.code).toBe(1);
  });

  it('writes RFC 4180 CSV with the summary on stderr', async () => {
    const quotedTarget = `127.0.0.1:${port('implicit')}:implicit,${port('plaintext')}`;
    const file = writeList('csv.txt', [quotedTarget, `127.0.0.1:${port('starttls')}`]);
    const run = await runCli(['batch', file, '--csv', '--timeout', '5000', ...ca()]);
    const rows = parseCsv(run.stdout);
    expect(rows[0]).toEqual(['host', 'secure', 'port', 'security', 'findings', 'elapsed_ms']);
    expect(rows).toHaveLength(3);
    const byHost = new Map(rows.slice(1).map((row) => [row[0], row]));
    const first = byHost.get(quotedTarget);
    expect(first?.slice(1, 4)).toEqual(['true', String(port('implicit')), 'implicit-tls']);
    expect(first?.[4]?.split(' ')).toEqual(expect.arrayContaining(['starttls-missing', 'plaintext-auth']));
    expect(byHost.get(`127.0.0.1:${port('starttls')}`)?.slice(1, 5)).toEqual([
      'true',
      String(port('starttls')),
      'starttls',
      '',
    ]);
    for (const row of rows.slice(1)) expect(Number(row[5])).toBeGreaterThan(0);
    expect(run.stderr).toContain('Summary: 2 of 2 servers tested');
    expect(run.code).toBe(0);
  });

  it('prints the text summary in Japanese', async () => {
    const file = writeList('ja.txt', [`127.0.0.1:${port('plaintext')}`]);
    const run = await runCli(['batch', file, '--lang', 'ja', '--timeout', '5000']);
    expect(run.stdout).toContain('✗ 安全な設定なし');
    expect(run.stdout).toContain('集計: 1 台中 1 台を');
    expect(run.stdout).toMatch(/starttls-missing\s+1/);
    expect(run.code).toBe(1);
  });

  it('draws a progress bar on standard error when it is a terminal', async () => {
    const file = writeList('tty.txt', [
      `127.0.0.1:${port('implicit')}:implicit`,
      `127.0.0.1:${port('plaintext')}`,
    ]);
    const out = join(dir, 'tty.jsonl');
    // script(1) gives the command a pseudo-terminal; stdout goes to a file, so the terminal shows stderr only.
    const command = `${process.execPath} ${cliPath} batch ${file} --json --timeout 5000 --ca ${testPki().caFile} > ${out}`;
    const run = await new Promise<{ code: number | null; terminal: string }>((resolve, reject) => {
      const child = spawn('script', ['-qec', command, '/dev/null'], { stdio: ['ignore', 'pipe', 'inherit'] });
      let terminal = '';
      child.stdout.on('data', (chunk: Buffer) => (terminal += chunk.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, terminal });
      });
    });
    expect(run.terminal).toContain(`\r\x1b[K[${'-'.repeat(30)}] 0/2`);
    expect(run.terminal).toContain(`\r\x1b[K[${'#'.repeat(30)}] 2/2`);
    expect(run.terminal).not.toContain('"type"');
    const records = jsonLines(readFileSync(out, 'utf8'));
    expect(records.map((r) => r.type)).toEqual(['result', 'result', 'summary']);
    expect(run.code).toBe(1);
  });

  it('refuses bad usage with exit code 2', async () => {
    const file = writeList('usage.txt', ['localhost']);
    expect((await runCli(['batch', file, '--json', '--csv'])).code).toBe(2);
    expect((await runCli(['batch', file, '--concurrency', '0'])).stderr).toContain('--concurrency');
    const missing = await runCli(['batch', join(dir, 'nope.txt')]);
    expect(missing.stderr).toContain('Cannot read');
    expect(missing.code).toBe(2);
    const empty = await runCli(['batch', writeList('empty.txt', ['# nothing', ''])]);
    expect(empty.stderr).toContain('lists no server');
    expect(empty.code).toBe(2);
  });

  it('stops on Ctrl-C and still prints the summary of what finished', async () => {
    const stalling = await Promise.all(Array.from({ length: 4 }, () => rawServer(silent)));
    rawServers.push(...stalling);
    const file = writeList('stall.txt', [
      `127.0.0.1:${port('implicit')}:implicit`,
      `127.0.0.1:${port('starttls')}:starttls`,
      ...stalling.map((server) => `127.0.0.1:${server.port}`),
    ]);
    const child = spawn(
      process.execPath,
      [cliPath, 'batch', file, '--json', '--concurrency', '4', '--timeout', '120000', ...ca()],
      { env: { ...process.env, LANG: 'en_US.UTF-8' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let signalled = false;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!signalled && stdout.split('\n').filter((l) => l.includes('"type":"result"')).length === 2) {
        signalled = true;
        child.kill('SIGINT');
      }
    });
    child.stderr.resume();
    // Far below the 120 s audit deadline: only a clean stop ends the process before this kill.
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearTimeout(killer);
    expect(signalled).toBe(true);
    expect(code).toBe(130);
    const records = jsonLines(stdout);
    expect(records.filter((r) => r.type === 'result')).toHaveLength(2);
    expect(records.at(-1)).toMatchObject({
      type: 'summary',
      total: 6,
      finished: 2,
      secure: 2,
      interrupted: true,
    });
  }, 30_000);

  it('never opens more than three connections at once to the same host and port', async () => {
    const counting = await countingServer();
    const file = writeList(
      'same.txt',
      Array.from({ length: 6 }, () => `127.0.0.1:${counting.port}`),
    );
    const run = await runCli(['batch', file, '--json', '--concurrency', '6', '--timeout', '20000']);
    expect(jsonLines(run.stdout).at(-1)).toMatchObject({ type: 'summary', finished: 6 });
    // Each audit opens its main connection and the injection probe's: twelve in all, three at a time.
    expect(counting.total()).toBeGreaterThanOrEqual(12);
    expect(counting.peak()).toBe(3);
  }, 30_000);
});
