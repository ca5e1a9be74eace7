import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Stage } from '../../../electron/contract.js';
import type { AuditRun, PortProgress } from '../store/types.js';

type DisplayStage = 'connect' | 'greeting' | 'ehlo' | 'starttls' | 'tls' | 'ehlo-tls' | 'checks';
type DisplayStatus = 'pending' | 'started' | 'passed' | 'failed' | 'skipped';

/** On implicit TLS the engine's only EHLO is the one over TLS ("ehlo-tls"); it is labelled plain EHLO. */
const implicitStages: DisplayStage[] = ['connect', 'tls', 'greeting', 'ehlo-tls', 'checks'];
const starttlsStages: DisplayStage[] = [
  'connect',
  'greeting',
  'ehlo',
  'starttls',
  'tls',
  'ehlo-tls',
  'checks',
];
/** The engine's closing stages, shown together as "checks". */
const checkStages: Stage[] = ['enforcement', 'injection', 'versions', 'quit'];

function statusOf(p: PortProgress, stage: DisplayStage, running: boolean): DisplayStatus {
  let status: DisplayStatus | undefined;
  if (stage === 'checks') {
    const seen = checkStages.map((s) => p.stages[s]).filter((s) => s !== undefined);
    status =
      p.stages.done === 'passed' || p.stages.done === 'failed'
        ? 'passed'
        : seen.length > 0
          ? 'started'
          : undefined;
  } else {
    status = p.stages[stage];
  }
  return status ?? (running ? 'pending' : 'skipped');
}

const icons: Record<DisplayStatus, string> = {
  pending: '○',
  started: '◌',
  passed: '✓',
  failed: '✕',
  skipped: '–',
};

/** Live progress of one audit run: per port, per stage, with the elapsed time. */
export function Progress({ run }: { run: AuditRun }) {
  const { t } = useTranslation();
  const running = run.status === 'running';
  return (
    <div className="progress">
      <Elapsed run={run} />
      <ul className="progress__ports">
        {run.progress.map((p) => (
          <li key={p.port} className="progress__port">
            <h3 className="progress__port-title">
              {t('test.port', { port: p.port })} <span className="muted">{t(`test.modes.${p.mode}`)}</span>
            </h3>
            <ol className="stages" aria-label={t('test.port', { port: p.port })}>
              {(p.mode === 'implicit-tls' ? implicitStages : starttlsStages).map((stage) => {
                const status = statusOf(p, stage, running);
                return (
                  <li key={stage} className={`stage stage--${status}`}>
                    <span aria-hidden="true" className="stage__icon">
                      {icons[status]}
                    </span>
                    <span>
                      {t(`test.stages.${p.mode === 'implicit-tls' && stage === 'ehlo-tls' ? 'ehlo' : stage}`)}
                    </span>
                    <span className="visually-hidden">: {t(`test.status.${status}`)}</span>
                  </li>
                );
              })}
            </ol>
          </li>
        ))}
      </ul>
    </div>
  );
}

function Elapsed({ run }: { run: AuditRun }) {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => Date.now());
  const running = run.status === 'running';
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 200);
    return () => clearInterval(timer);
  }, [running]);
  if (run.startedAt === null) return null;
  const end = running ? now : (run.finishedAt ?? now);
  const seconds = (Math.max(0, end - run.startedAt) / 1000).toFixed(1);
  // Not a live region: a ticking clock would flood screen readers. The status line announces the outcome.
  return <p className="progress__elapsed">{t('test.elapsed', { value: seconds })}</p>;
}
