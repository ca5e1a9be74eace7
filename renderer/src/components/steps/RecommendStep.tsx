import { useTranslation } from 'react-i18next';
import {
  adminFix,
  findingWords,
  serverHardeningFindings,
  serverSoftware,
} from '../../../../electron/catalogue/index.js';
import type { Finding, Language, Reason } from '../../../../electron/contract.js';
import { useApp } from '../context.js';
import { DomainHealthLink } from '../DomainHealth.js';
import { bySeverity } from '../Findings.js';
import { IncomingSettingCard } from '../Incoming.js';
import { Reasons } from '../Reasons.js';
import { useSetting } from '../setting.js';
import { ValueList } from '../ValueList.js';

export function RecommendStep() {
  const { t, i18n } = useTranslation();
  const report = useApp((s) => s.runs.main.report);
  const setting = useSetting();
  if (!report) return null;
  const rec = report.recommendation;
  if (!setting)
    return (
      <>
        {report.suggestedHost ? <OtherHost {...report.suggestedHost} /> : null}
        <NothingQualified
          findings={[...report.findings, ...report.ports.flatMap((p) => p.findings)]}
          reasons={rec.reasons}
        />
        <IncomingSettingCard reasons />
      </>
    );
  const language = i18n.language as Language;
  const { guide } = setting;
  return (
    <>
      <p>{t('recommend.intro')}</p>
      {report.incoming ? <h3>{t('incoming.outgoingTitle')}</h3> : null}
      <div className="card card--good">
        <ValueList setting={setting} />
        {setting.authOffered ? null : <p>{t('recommend.authNone')}</p>}
        {setting.chosen ? (
          <p>
            {t('recommend.inClient', {
              client: guide.name[language],
              field: guide.terms.field[language],
              value: setting.values.security,
            })}
          </p>
        ) : null}
      </div>
      <h3>{t('recommend.why')}</h3>
      <Reasons reasons={rec.reasons} />
      <IncomingSettingCard reasons />
      <AskProvider findings={serverHardeningFindings(report)} />
      <p className="muted">{t('recommend.gmailNote')}</p>
      <DomainHealthLink />
    </>
  );
}

/** The findings that do not endanger the recommended setting but that the provider should fix. */
function AskProvider({ findings }: { findings: Finding[] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  if (findings.length === 0) return null;
  return (
    <section className="card" aria-labelledby="ask-provider">
      <h3 id="ask-provider">{t('recommend.askProvider')}</h3>
      <p>{t('recommend.askProviderIntro')}</p>
      <FixList findings={findings} language={language} />
    </section>
  );
}

/** Each finding once, with what its administrator should change. */
function FixList({ findings, language }: { findings: Finding[]; language: Language }) {
  const software = useApp((s) => (s.runs.main.report ? serverSoftware(s.runs.main.report) : null));
  const seen = new Set<string>();
  return (
    <ul className="fixes">
      {findings
        .filter((f) => !seen.has(f.id) && seen.add(f.id))
        .map((f) => (
          <li key={f.id}>
            <strong>{findingWords(f.id, language).title}</strong>: {adminFix(f.id, language, software)}
          </li>
        ))}
    </ul>
  );
}

/** No port qualified: say so plainly and list what the server needs, most serious first. */
function NothingQualified({ findings, reasons }: { findings: Finding[]; reasons: Reason[] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const goTo = useApp((s) => s.goTo);
  const toFix = [...findings].sort(bySeverity).filter((f) => f.severity !== 'info');
  return (
    <div className="card card--bad">
      <h3>{t('recommend.nothing')}</h3>
      <p>{t('recommend.nothingIntro')}</p>
      <h4>{t('recommend.fix')}</h4>
      <p>{t('recommend.fixIntro')}</p>
      <FixList findings={toFix} language={language} />
      <p>
        <button type="button" className="button" onClick={() => goTo('export')}>
          {t('recommend.exportReport')}
        </button>
      </p>
      <h4>{t('recommend.why')}</h4>
      <Reasons reasons={reasons} />
      <p className="muted">{t('recommend.gmailNote')}</p>
      <DomainHealthLink />
    </div>
  );
}

/** Shared hosting: the certificate names the provider's host; one click tests that host instead. */
function OtherHost({ host, names }: { host: string; names: string[] }) {
  const { t } = useTranslation();
  const setField = useApp((s) => s.setField);
  const startAudit = useApp((s) => s.startAudit);
  const retest = () => {
    setField('host', host);
    void startAudit('main');
  };
  return (
    <div className="card">
      <h3>{t('recommend.otherHostTitle')}</h3>
      <p>{t('recommend.otherHost', { names: names.join(', ') })}</p>
      <button type="button" onClick={retest}>
        {t('recommend.otherHostRetest', { host })}
      </button>
    </div>
  );
}
