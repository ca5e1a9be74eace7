import { useTranslation } from 'react-i18next';
import { useApp } from '../context.js';
import { Findings } from '../Findings.js';
import { Progress } from '../Progress.js';
import { RunStatus } from '../RunStatus.js';
import { portLabelKey } from '../port-label.js';

export function TestStep() {
  const { t } = useTranslation();
  const host = useApp((s) => s.form.host.trim());
  const run = useApp((s) => s.runs.main);
  const startAudit = useApp((s) => s.startAudit);
  const cancelAudit = useApp((s) => s.cancelAudit);
  const running = run.status === 'running';
  return (
    <>
      <p>{t('test.intro', { host })}</p>
      <div className="actions">
        {running ? (
          <button type="button" className="button" onClick={() => void cancelAudit('main')}>
            {t('test.cancel')}
          </button>
        ) : (
          <button type="button" className="button button--primary" onClick={() => void startAudit('main')}>
            {run.status === 'idle' ? t('test.run') : t('test.rerun')}
          </button>
        )}
      </div>
      <RunStatus run={run} host={host} />
      {run.status !== 'idle' ? <Progress run={run} /> : null}
      {run.report ? (
        <section aria-labelledby="findings-title">
          <h3 id="findings-title">{t('test.findings')}</h3>
          <Findings findings={run.report.findings} />
          {run.report.ports.map((p) => (
            <div key={p.port} className="port-result">
              <h4>
                {t('test.port', { port: p.port })} <span className="muted">{t(portLabelKey(p))}</span>
              </h4>
              <Findings findings={p.findings} emptyText={t('test.noFindings')} />
            </div>
          ))}
          {run.report.incoming ? (
            <>
              <Findings findings={run.report.incoming.findings} />
              {run.report.incoming.ports.map((p) => (
                <div key={`${p.protocol}-${p.port}`} className="port-result">
                  <h4>
                    {t('test.port', { port: p.port })}{' '}
                    <span className="muted">
                      {t(`incoming.protocols.${p.protocol}`)} {t(`test.modes.${p.mode}`)}
                    </span>
                  </h4>
                  <Findings findings={p.findings} emptyText={t('test.noFindings')} />
                </div>
              ))}
            </>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
