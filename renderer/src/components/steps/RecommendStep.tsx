import { useTranslation } from 'react-i18next';
import type { Finding, Language } from '../../../../electron/contract.js';
import { useApp } from '../context.js';
import { DomainHealthLink } from '../DomainHealth.js';
import { bySeverity } from '../Findings.js';
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
      </>
    );
  const language = i18n.language as Language;
  const { guide } = setting;
  return (
    <>
      <p>{t('recommend.intro')}</p>
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
      <p className="muted">{t('recommend.gmailNote')}</p>
      <DomainHealthLink />
    </>
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

/** No port qualified: say so plainly and list what the server needs, most serious first. */
function NothingQualified({ findings, reasons }: { findings: Finding[]; reasons: string[] }) {
  const { t } = useTranslation();
  const seen = new Set<string>();
  const toFix = [...findings]
    .sort(bySeverity)
    .filter((f) => f.severity !== 'info' && !seen.has(f.id) && seen.add(f.id));
  return (
    <div className="card card--bad">
      <h3>{t('recommend.nothing')}</h3>
      <p>{t('recommend.nothingIntro')}</p>
      <h4>{t('recommend.fix')}</h4>
      <p>{t('recommend.fixIntro')}</p>
      <ul className="fixes">
        {toFix.map((f) => (
          <li key={f.id}>
            <strong>{t(`findings.${f.id}.title`)}</strong>: {t(`findings.${f.id}.fix`)}
          </li>
        ))}
      </ul>
      <h4>{t('recommend.why')}</h4>
      <Reasons reasons={reasons} />
      <p className="muted">{t('recommend.gmailNote')}</p>
      <DomainHealthLink />
    </div>
  );
}
