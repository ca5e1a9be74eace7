/**
 * `mailtls check HOST`: the audit from a terminal. Human output is a table of the
 * ports and the recommendation with its reasons; `--json` prints exactly the
 * AuditReport and nothing else on stdout.
 */
import type { AuditReport, AuditRequest, IncomingProtocol, Language } from '../../contract.js';
import { incomingProtocols } from '../../contract-lists.js';
import { everyDirectionSecure } from '../../engine/access/advise.js';
import { runAudit } from '../../engine/audit/audit.js';
import { UserFacingError } from '../../engine/core/errors.js';
import { parseArgs, parseIntegerOption } from '../args.js';
import { UsageError, type CliCommand, type CliContext } from '../context.js';
import { readCa } from '../files.js';
import { auditScope, parseProtocols, readPortList } from '../scope.js';
import { openChainMemo } from '../chain-memo-file.js';

const usage: Record<Language, string> = {
  en: `Usage: mailtls check HOST [options]

Tests the mail server HOST at once: outgoing (SMTP on 25, 465, 587) and incoming
(IMAP on 993, 143; POP3 on 995, 110), and recommends the secure setting for each.

Options:
  --protocols LIST  which of smtp,imap,pop3 to test (default: all three, or those
                  the --ports list names)
  --ports LIST    ports to test, e.g. 25,465,587. A port may carry its mode:
                  2465:implicit, 2587:starttls, 2525:relay (STARTTLS on a
                  server-to-server port, like 25); incoming ports say their
                  protocol: 993:imap-implicit, 143:imap-starttls,
                  995:pop3-implicit, 110:pop3-starttls. Plain 993, 143, 995 and
                  110 are IMAP and POP3; other plain ports are SMTP (465 implicit
                  TLS, 25 relay, others STARTTLS). The app's form works too:
                  "2465 implicit-tls, 2587 starttls".
  --incoming-host HOST  the incoming (IMAP/POP3) server, when it is not HOST
  --imap-host HOST  the IMAP server, when it is not the incoming server
                  (e.g. imap.gmail.com)
  --pop3-host HOST  the POP3 server, when it is not the incoming server
                  (e.g. pop.gmail.com)
  --timeout MS    overall deadline in milliseconds (default 20000)
  --ca FILE       also trust the CA certificate(s) in this PEM file
  --json          print the audit report as JSON (schema mailtls.audit/2)
  --report FILE   also write a self-contained HTML report
  --lang ja|en    language of the output (default: the system locale)

Exit codes: 0 a secure setting was found for each direction tested, 1 not for
every direction, 2 bad usage or input.
`,
  ja: `使い方: mailtls check ホスト [オプション]

メールサーバー（ホスト）の送信（SMTP: 25・465・587 番）と受信（IMAP: 993・143 番、
POP3: 995・110 番）を同時に検査し、それぞれの安全な設定を提案します。

オプション:
  --protocols 一覧  smtp,imap,pop3 のうち検査するもの（既定: 3 つすべて、
                  または --ports に含まれるもの）
  --ports 一覧    検査するポート。例: 25,465,587。モードも指定できます:
                  2465:implicit、2587:starttls、2525:relay（25 番のような
                  サーバー間中継ポートでの STARTTLS）。受信ポートはプロトコルも
                  指定します: 993:imap-implicit、143:imap-starttls、
                  995:pop3-implicit、110:pop3-starttls。モードのない 993・143・
                  995・110 は IMAP・POP3、その他は SMTP（465 は SSL/TLS、25 は中継、
                  その他は STARTTLS）として検査します。アプリと同じ書き方
                  （"2465 implicit-tls, 2587 starttls"）も使えます。
  --incoming-host ホスト  受信（IMAP・POP3）サーバーがホストと異なるときのサーバー名
  --imap-host ホスト  IMAP サーバーが受信サーバーと異なるときのサーバー名
                  （例: imap.gmail.com）
  --pop3-host ホスト  POP3 サーバーが受信サーバーと異なるときのサーバー名
                  （例: pop.gmail.com）
  --timeout ミリ秒  検査全体の制限時間（既定 20000）
  --ca ファイル    この PEM ファイルの CA 証明書も信頼する
  --json          検査結果を JSON（mailtls.audit/2）で出力する
  --report ファイル  HTML の報告書も書き出す
  --lang ja|en    出力の言語（既定はシステムのロケール）

終了コード: 0 検査した送信・受信のそれぞれに安全な設定が見つかった、1 見つから
なかった方向がある、2 使い方か入力の誤り。
`,
};

/** `--imap-host` or `--pop3-host` given for a protocol the check leaves out. */
function hostNotTested(protocol: IncomingProtocol): Record<Language, string> {
  return {
    en: `--${protocol}-host names the ${protocol.toUpperCase()} server, but ${protocol.toUpperCase()} is not tested (see --protocols and --ports).`,
    ja: `--${protocol}-host で ${protocol.toUpperCase()} サーバーを指定しましたが、${protocol.toUpperCase()} は検査対象ではありません（--protocols と --ports を確認してください）。`,
  };
}

async function writeHtmlReport(file: string, report: AuditReport, language: Language): Promise<void> {
  const { renderHtmlReport } = await import('../../engine/report/index.js');
  const { writeFile } = await import('node:fs/promises');
  try {
    await writeFile(file, renderHtmlReport(report, language).content);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new UserFacingError('io', {
      en: `Cannot write the report to ${file} (${code}).`,
      ja: `報告書を ${file} に書き込めません（${code}）。`,
    });
  }
}

export const checkCommand: CliCommand = {
  usage,
  async run(args: string[], context: CliContext): Promise<number> {
    const parsed = parseArgs(args, {
      ports: { kind: 'value' },
      protocols: { kind: 'value' },
      'incoming-host': { kind: 'value' },
      'imap-host': { kind: 'value' },
      'pop3-host': { kind: 'value' },
      timeout: { kind: 'value' },
      ca: { kind: 'value' },
      json: { kind: 'flag' },
      report: { kind: 'value' },
    });
    if (parsed.positionals.length !== 1) {
      throw new UsageError({
        en: 'Give exactly one server name, e.g. mailtls check smtp.example.com',
        ja: 'サーバー名を一つ指定してください。例: mailtls check smtp.example.com',
      });
    }
    const host = parsed.positionals[0] ?? '';
    const portsText = parsed.values.get('ports');
    const timeoutText = parsed.values.get('timeout');
    const caFile = parsed.values.get('ca');
    const reportFile = parsed.values.get('report');
    const protocolsText = parsed.values.get('protocols');
    const ownHosts = Object.fromEntries(
      incomingProtocols.flatMap((protocol) => {
        const own = parsed.values.get(`${protocol}-host`);
        return own === undefined ? [] : [[protocol, own]];
      }),
    ) as Partial<Record<IncomingProtocol, string>>;
    const scope = auditScope(
      portsText === undefined ? undefined : readPortList(portsText),
      protocolsText === undefined ? undefined : parseProtocols(protocolsText),
      ownHosts,
    );
    const untested = incomingProtocols.find(
      (protocol) => ownHosts[protocol] !== undefined && !scope.protocols?.includes(protocol),
    );
    if (untested) {
      throw new UsageError(hostNotTested(untested));
    }
    const request: AuditRequest = {
      auditId: `cli-${process.pid}`,
      host,
      ...scope,
      incomingHost: parsed.values.get('incoming-host'),
      timeoutMs:
        timeoutText === undefined ? undefined : parseIntegerOption('timeout', timeoutText, 500, 300_000),
      caPem: caFile === undefined ? undefined : readCa(caFile),
    };
    // The words (and the finding catalogue behind them) load only for a person reading:
    // `--json` prints the report's ids alone.
    const text = parsed.flags.has('json') ? null : await import('./check-text.js');
    const stderr = context.stderr as NodeJS.WritableStream & { isTTY?: boolean };
    const progress = stderr.isTTY === true ? text?.progressLine : undefined;
    const chainMemo = openChainMemo();
    const report = await runAudit(request, {
      signal: context.signal,
      chainMemo,
      onProgress: progress
        ? (event) => stderr.write(`\r\x1b[K${progress(event, context.language)}`)
        : undefined,
    });
    if (progress) stderr.write('\r\x1b[K');
    if (reportFile !== undefined) await writeHtmlReport(reportFile, report, context.language);
    context.stdout.write(
      text ? text.renderHuman(report, context.language) : `${JSON.stringify(report, null, 2)}\n`,
    );
    chainMemo?.save();
    return everyDirectionSecure(report) ? 0 : 1;
  },
};
