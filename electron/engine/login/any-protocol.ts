/**
 * The log-in test for whichever server the request names: SMTP (the outgoing
 * server, engine/login/login-test.ts) or IMAP/POP3 (the incoming one,
 * engine/access/login.ts). The app's channel and `mailtls login` both route here.
 */
import type { LoginTestRequest, LoginTestResult } from '../../contract.js';
import { incomingLoginTest } from '../access/login.js';
import { loginTest, type LoginOptions } from './login-test.js';

export function loginTestAnyProtocol(
  request: LoginTestRequest,
  options: LoginOptions = {},
): Promise<LoginTestResult> {
  const { protocol = 'smtp', ...target } = request;
  return protocol === 'smtp'
    ? loginTest(target, options)
    : incomingLoginTest({ ...target, protocol }, options);
}
