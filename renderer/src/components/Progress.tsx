import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Circle, CircleCheck, CircleMinus, CircleX, LoaderCircle } from 'lucide-react';
import type { Stage } from '../../../electron/contract.js';
import type { AuditRun, PortProgress } from '../store/types.js';

export type DisplayStage =
  | 'connect'
  | 'greeting'
  | 'ehlo'
  | 'starttls'
  | 'tls'
  | 'ehlo-tls'
  | 'capability'
  | 'capability-tls'
  | 'checks';
export type DisplayStatus = 'pending' | 'started' | 'passed' | 'failed' | 'skipped';

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
const checkStages: Stage[] = ['enforcement', 'cleartext-login', 'injection', 'versions', 'quit'];

/** IMAP and POP3 (issue 14): the capability list takes EHLO's place. */
const incomingImplicitStages: DisplayStage[] = ['connect', 'tls', 'greeting', 'capability-tls', 'checks'];
const incomingStarttlsStages: DisplayStage[] = [
  'connect',
  'greeting',
  'capability',
  'starttls',
  'tls',
  'capability-tls',
  'checks',
];

export const stagesOf = (p: Pick<PortProgress, 'mode' | 'protocol'>): DisplayStage[] =>
  (p.protocol ?? 'smtp') === 'smtp'
    ? p.mode === 'implicit-tls'
      ? implicitStages
      : starttlsStages
    : p.mode === 'implicit-tls'
      ? incomingImplicitStages
      : incomingStarttlsStages;

/** On implicit TLS the only EHLO or capability list is the one over TLS: it is labelled plainly. */
function stageLabel(mode: PortProgress['mode'], stage: DisplayStage): DisplayStage {
  if (mode !== 'implicit-tls') return stage;
  return stage === 'ehlo-tls' ? 'ehlo' : stage === 'capability-tls' ? 'capability' : stage;
}

/**
 * What a stage shows. A failure is never shown as passed, and once the run is over
 * (finished, cancelled or failed) nothing is still "in progress": a stage that was
 * under way then is shown as not reached.
 */
export function stageStatus(
  p: Pick<PortProgress, 'stages'>,
  stage: DisplayStage,
  running: boolean,
): DisplayStatus {
  let status: DisplayStatus | undefined;
  if (stage === 'checks') {
    const seen = checkStages.map((s) => p.stages[s]).filter((s) => s !== undefined);
    // Passed only when checks really ran: a port that stopped early ends "done" without any.
    status = seen.includes('failed')
      ? 'failed'
      : seen.length === 0
        ? undefined
        : p.stages.done === 'passed'
          ? 'passed'
          : 'started';
  } else {
    status = p.stages[stage];
  }
  if (status === 'started' && !running) return 'skipped';
  return status ?? (running ? 'pending' : 'skipped');
}

/** The state of a whole port card: failed as soon as one stage failed, done when all passed. */
export function portStatus(p: PortProgress, running: boolean): DisplayStatus {
  const all = stagesOf(p).map((stage) => stageStatus(p, stage, running));
  if (all.includes('failed')) return 'failed';
  if (all.every((s) => s === 'passed')) return 'passed';
  if (!running) return 'skipped';
  return all.some((s) => s !== 'pending') ? 'started' : 'pending';
}

const icons = {
  pending: Circle,
  started: LoaderCircle,
  passed: CircleCheck,
  failed: CircleX,
  skipped: CircleMinus,
} as const;

export function StatusIcon({ status, size = 18 }: { status: DisplayStatus; size?: number }) {
  const Icon = icons[status];
  return <Icon aria-hidden="true" size={size} className={`status-icon status-icon--${status}`} />;
}

/** Live progress of one audit run: a card per port with a bar and its stages. */
export function Progress({ run }: { run: AuditRun }) {
  const { t } = useTranslation();
  const running = run.status === 'running';
  return (
    <div className="progress">
      {running ? <Elapsed run={run} /> : null}
      <ul className="port-cards">
        {run.progress.map((p) => {
          const stages = stagesOf(p);
          const statuses = stages.map((stage) => stageStatus(p, stage, running));
          const passed = statuses.filter((s) => s === 'passed').length;
          const overall = portStatus(p, running);
          const title = t('test.port', { port: p.port });
          return (
            <li key={`${p.protocol}-${p.port}`} className={`port-card port-card--${overall}`}>
              <div className="port-card__head">
                <StatusIcon status={overall} size={22} />
                <h3 className="port-card__title">
                  {title}{' '}
                  <span className="muted">
                    {p.protocol && p.protocol !== 'smtp' ? `${t(`incoming.protocols.${p.protocol}`)} ` : ''}
                    {t(`test.modes.${p.mode}`)}
                  </span>
                </h3>
              </div>
              <progress
                className="port-card__bar"
                max={stages.length}
                value={passed}
                aria-label={t('desk.progress.bar', { port: p.port, done: passed, total: stages.length })}
              />
              <ol className="stages" aria-label={title}>
                {stages.map((stage, i) => {
                  const status = statuses[i] ?? 'pending';
                  return (
                    <li key={stage} className={`stage stage--${status}`}>
                      <StatusIcon status={status} size={16} />
                      <span>{t(`test.stages.${stageLabel(p.mode, stage)}`)}</span>
                      <span className="visually-hidden">: {t(`test.status.${status}`)}</span>
                    </li>
                  );
                })}
              </ol>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** The ticking clock while a run is under way; the finished duration is said once, by RunStatus. */
function Elapsed({ run }: { run: AuditRun }) {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 200);
    return () => clearInterval(timer);
  }, []);
  if (run.startedAt === null) return null;
  const seconds = (Math.max(0, now - run.startedAt) / 1000).toFixed(1);
  // Not a live region: a ticking clock would flood screen readers. The status line announces the outcome.
  return <p className="progress__elapsed">{t('test.elapsed', { value: seconds })}</p>;
}
