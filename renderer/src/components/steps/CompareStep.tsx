import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { transcriptNoteParts } from '../../../../electron/catalogue/index.js';
import type {
  IncomingPortReport,
  Language,
  PortReport,
  TranscriptLine,
} from '../../../../electron/contract.js';
import { useApp } from '../context.js';
import { portLabelKey } from '../port-label.js';
import { Verbatim } from '../Verbatim.js';

type Row =
  | 'reachable'
  | 'firstByte'
  | 'certificate'
  | 'tlsVersion'
  | 'enforced'
  | 'injection'
  | 'auth'
  | 'qualifies'
  | 'time';
const rows: Row[] = [
  'reachable',
  'firstByte',
  'certificate',
  'tlsVersion',
  'enforced',
  'injection',
  'auth',
  'qualifies',
  'time',
];

/** A tested port of either direction: what the table reads is common to both. */
type AnyPort = PortReport | IncomingPortReport;

/** Implicit-TLS ports first, then STARTTLS, then the rest; port order inside each group. */
const modeOrder: Record<PortReport['mode'], number> = {
  'implicit-tls': 0,
  starttls: 1,
  plain: 2,
  unreachable: 3,
};
const byMode = (a: AnyPort, b: AnyPort) => modeOrder[a.mode] - modeOrder[b.mode] || a.port - b.port;

export function CompareStep() {
  const { t } = useTranslation();
  const report = useApp((s) => s.runs.main.report);
  if (!report) return null;
  const incoming = report.incoming;
  const outgoingTested = report.ports.length > 0;
  return (
    <>
      <p>{t('compare.intro', { host: report.host })}</p>
      {outgoingTested ? (
        <PortTable
          caption={t('compare.table')}
          ports={[...report.ports].sort(byMode)}
          column={(p) => t('compare.column', { port: p.port, mode: t(portLabelKey(p as PortReport)) })}
        />
      ) : null}
      {incoming
        ? (['imap', 'pop3'] as const)
            .filter((protocol) => incoming.recommendations[protocol] !== null)
            .map((protocol) => (
              <section key={protocol} aria-labelledby={`compare-${protocol}`}>
                <h3 id={`compare-${protocol}`}>
                  {t('incoming.compareTitle', {
                    protocol: t(`incoming.protocols.${protocol}`),
                    // IMAP and POP3 may live on different servers: each table names its own.
                    host: incoming.recommendations[protocol]?.host ?? incoming.host,
                  })}
                </h3>
                <PortTable
                  caption={t('incoming.compareTable', { protocol: t(`incoming.protocols.${protocol}`) })}
                  ports={incoming.ports.filter((p) => p.protocol === protocol).sort(byMode)}
                  column={(p) => t('compare.column', { port: p.port, mode: t(`test.modes.${p.mode}`) })}
                />
              </section>
            ))
        : null}
      {outgoingTested ? <ProsAndCons ports={report.ports} /> : null}
      <details className="flow">
        <summary>{t('compare.flowTitle')}</summary>
        <ol>
          <li>{t('compare.flow1')}</li>
          <li>{t('compare.flow2')}</li>
          <li>{t('compare.flow3')}</li>
          <li>{t('compare.flow4')}</li>
          <li>{t('compare.flow5')}</li>
        </ol>
        <p>{t('compare.flowSmtps')}</p>
      </details>
      <section aria-labelledby="transcripts-title">
        <h3 id="transcripts-title">{t('compare.transcripts')}</h3>
        {[...report.ports, ...(incoming?.ports ?? [])].map((p) => (
          <Transcript key={`${'protocol' in p ? p.protocol : 'smtp'}-${p.port}`} port={p} />
        ))}
      </section>
    </>
  );
}

/** One direction's ports side by side; every verdict in it is the engine's (`judgement`). */
function PortTable({
  caption,
  ports,
  column,
}: {
  caption: string;
  ports: AnyPort[];
  column: (port: AnyPort) => string;
}) {
  const { t } = useTranslation();
  const incoming = ports.some((p) => 'protocol' in p);
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table className="compare">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('compare.aspect')}</th>
            {ports.map((p) => (
              <th scope="col" key={p.port} className={`compare__col compare__col--${p.mode}`}>
                {column(p)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row}>
              <th scope="row">
                {incoming && (row === 'enforced' || row === 'injection')
                  ? t(`incoming.rows.${row}`)
                  : t(`compare.rows.${row}`)}
              </th>
              {ports.map((p) => (
                <td key={p.port}>
                  <Cell port={p} row={row} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Good({ ok, children }: { ok: boolean | null; children: ReactNode }) {
  return <span className={ok === null ? 'neutral' : ok ? 'good' : 'bad'}>{children}</span>;
}

function Cell({ port: p, row }: { port: AnyPort; row: Row }) {
  const { t } = useTranslation();
  const dash = <span className="neutral">—</span>;
  const judged = p.judgement;
  switch (row) {
    case 'reachable':
      return <Good ok={p.reachable}>{p.reachable ? t('common.yes') : t('common.no')}</Good>;
    case 'firstByte':
      if (!p.reachable) return dash;
      return (
        <Good ok={p.mode === 'implicit-tls'}>
          {p.mode === 'implicit-tls' ? t('common.yes') : t('common.no')}
        </Good>
      );
    case 'certificate': {
      const state = judged?.certificate;
      if (!state || (state === 'none' && !p.reachable)) return dash;
      const ok = state === 'valid';
      return (
        <Good ok={ok}>
          {ok ? t('compare.cert.ok', { days: p.certificate?.daysLeft }) : t(`compare.cert.${state}`)}
        </Good>
      );
    }
    case 'tlsVersion':
      if (!p.tls?.version || !judged) return dash;
      return <Good ok={judged.modernTls}>{p.tls.version}</Good>;
    case 'enforced': {
      // Incoming: a made-up log-in before TLS refused is what "enforced" means there.
      const state =
        'protocol' in p
          ? p.cleartextLogin === 'not-tested'
            ? 'not-tested'
            : p.cleartextLogin === 'refused'
              ? 'enforced'
              : 'not-enforced'
          : p.tlsEnforcement;
      return (
        <Good ok={state === 'not-tested' ? null : state === 'enforced'}>
          {t(`compare.enforcement.${state}`)}
        </Good>
      );
    }
    case 'injection':
      return (
        <Good ok={p.injection === 'safe' ? true : p.injection === 'vulnerable' ? false : null}>
          {t(`compare.injection.${p.injection}`)}
        </Good>
      );
    case 'auth':
      if (!p.reachable) return dash;
      return p.auth.beforeTls.length > 0 ? (
        <Good ok={false}>{t('compare.authBefore', { mechanisms: p.auth.beforeTls.join(' ') })}</Good>
      ) : (
        <Good ok>{t('compare.authNone')}</Good>
      );
    case 'qualifies':
      if (!judged) return dash;
      return <Good ok={judged.qualifies}>{judged.qualifies ? t('common.yes') : t('common.no')}</Good>;
    case 'time':
      return <span>{t('common.ms', { value: Math.round(p.elapsedMs) })}</span>;
  }
}

/** The article's general pros and cons, each followed by what this server actually did. */
function ProsAndCons({ ports }: { ports: PortReport[] }) {
  const { t } = useTranslation();
  const smtps = ports.find((p) => p.mode === 'implicit-tls' && p.tls);
  const starttls = ports.filter((p) => p.mode === 'starttls' && p.tls);
  const firstStarttls = starttls.find((p) => p.port === 587) ?? starttls[0];
  return (
    <section aria-labelledby="general-title" className="pros-cons">
      <h3 id="general-title">{t('compare.general')}</h3>
      <div className="pros-cons__grid">
        <div className="card">
          <h4>{t('compare.smtpsTitle')}</h4>
          <ul>
            <li className="pro">{t('compare.smtpsPro')}</li>
            <li className="here">
              {smtps
                ? t('compare.smtpsProHere', { port: smtps.port, version: smtps.tls?.version })
                : t('compare.smtpsMissing')}
            </li>
            <li className="con">{t('compare.smtpsCon')}</li>
          </ul>
        </div>
        <div className="card">
          <h4>{t('compare.starttlsTitle')}</h4>
          <ul>
            <li className="pro">{t('compare.starttlsPro')}</li>
            <li className="here">
              {firstStarttls
                ? t('compare.starttlsProHere', {
                    port: firstStarttls.port,
                    version: firstStarttls.tls?.version,
                  })
                : t('compare.starttlsMissing')}
            </li>
            <li className="con">{t('compare.starttlsCon')}</li>
            {starttls.map((p) =>
              p.tlsEnforcement === 'not-tested' ? null : (
                <li key={`e${p.port}`} className="here">
                  {p.tlsEnforcement === 'enforced'
                    ? t('compare.starttlsConHereEnforced', { port: p.port })
                    : t('compare.starttlsConHereNotEnforced', { port: p.port })}
                </li>
              ),
            )}
            {starttls
              .filter((p) => p.auth.beforeTls.length > 0)
              .map((p) => (
                <li key={`a${p.port}`} className="here">
                  {t('compare.starttlsAuthHere', { port: p.port, mechanisms: p.auth.beforeTls.join(' ') })}
                </li>
              ))}
          </ul>
        </div>
      </div>
    </section>
  );
}

function Transcript({ port }: { port: AnyPort }) {
  const { t } = useTranslation();
  return (
    <details className="transcript">
      <summary>
        {'protocol' in port
          ? t('incoming.transcript', { port: port.port, protocol: t(`incoming.protocols.${port.protocol}`) })
          : t('compare.transcript', { port: port.port })}
      </summary>
      <ol className="transcript__lines">
        {port.transcript.map((line, i) => (
          <li key={i} className={`transcript__line transcript__line--${line.dir}`}>
            <span className="transcript__time">{t('common.ms', { value: Math.round(line.t) })}</span>
            <span className="transcript__dir">{t(`compare.directions.${line.dir}`)}</span>
            <TranscriptText line={line} />
          </li>
        ))}
      </ol>
    </details>
  );
}

/** What was said, verbatim; a note of MailTLS's own in the reader's language. */
function TranscriptText({ line }: { line: TranscriptLine }) {
  const { i18n } = useTranslation();
  if (!line.note) return <Verbatim text={line.text} />;
  const { words, verbatim } = transcriptNoteParts(line.note, i18n.language as Language);
  return (
    <span className="transcript__note">
      {words}
      {verbatim === null ? null : (
        <>
          : <Verbatim text={verbatim} />
        </>
      )}
    </span>
  );
}
