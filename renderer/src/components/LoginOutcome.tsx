import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language, LoginTestResult, SendTestResult } from '../../../electron/contract.js';
import type { CallState } from '../store/types.js';
import { ServerWords } from './Verbatim.js';

/**
 * What a log-in test or test message came to, in the person's language: the engine's
 * explanation of a refused log-in (as the CLI prints it), the queue id of an accepted
 * message, and the server's own words (marked as the server's) only when nothing
 * better is known.
 */
export function useOutcomeText() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const failure = (state: CallState<unknown>, fail: string) =>
    state.status === 'error' && state.error && state.error.code !== 'not-available'
      ? `${fail} ${t(`errors.${state.error.code}`)} ${state.error.message}`
      : '';
  const serverSaid = (lead: string, reply: string | null): ReactNode => (
    <>
      {lead}{' '}
      {reply ? <ServerWords text={reply} /> : t('verify.serverSaid', { reply: t('desk.verify.noReply') })}
    </>
  );
  return {
    login: (state: CallState<LoginTestResult>): ReactNode => {
      const v = state.value;
      if (state.status !== 'done' || !v) return failure(state, t('verify.loginFail'));
      if (v.success) return t('verify.loginOk', { mechanism: v.mechanism ?? '' });
      const advice = v.advice?.[language];
      if (advice) return `${t('verify.loginFail')} ${advice.cause} ${advice.fix}`;
      return serverSaid(t('verify.loginFail'), v.serverReply);
    },
    send: (state: CallState<SendTestResult>): ReactNode => {
      const v = state.value;
      if (state.status !== 'done' || !v) return failure(state, t('verify.sendFail'));
      if (v.accepted) {
        return v.queueId ? t('desk.verify.sentWithId', { id: v.queueId }) : t('verify.sendOk');
      }
      return serverSaid(t('verify.sendFail'), v.serverReply);
    },
  };
}
