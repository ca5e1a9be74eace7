/**
 * One SMTP dialogue over one socket: the protocol-neutral session (wire/session.ts)
 * framed into SMTP replies, ending with QUIT.
 */
import { FramedSession, type Framer } from '../wire/session.js';
import { ReplyReader, type Reply } from './reply.js';

export type { UpgradeResult } from '../wire/session.js';

export class SmtpSession extends FramedSession<Reply> {
  protected readonly goodbye = 'QUIT';

  protected newFramer(): Framer<Reply> {
    return new ReplyReader();
  }

  protected textOf(reply: Reply): string {
    return reply.raw;
  }
}
