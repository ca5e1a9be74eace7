/**
 * A raw IMAP or POP3 server on 127.0.0.1 that speaks just enough of the protocol to
 * reach each stage of the incoming audit, with one NO STARTTLS misbehaviour chosen
 * per server: commands sent together with STARTTLS/STLS answered inside TLS
 * (command injection), data appended to the go-ahead (response injection), a
 * PREAUTH greeting, an endless literal, a giant line. Built on the hostile-server
 * plumbing (rawServer), so close() destroys every connection.
 */
import * as tls from 'node:tls';
import type * as net from 'node:net';
import { rawServer, type HostileServer } from './hostile.js';

export type AccessMisbehaviour =
  'none' | 'buffered-command' | 'injected-response' | 'preauth' | 'endless-literal' | 'giant-line';

export interface AccessScript {
  protocol: 'imap' | 'pop3';
  misbehaviour: AccessMisbehaviour;
  tls: { key: string; cert: string };
}

const imapCapabilities = {
  plain: 'IMAP4rev1 STARTTLS LOGINDISABLED',
  secure: 'IMAP4rev1 AUTH=PLAIN',
};

/** One answer per command line; `secure` says whether TLS is up. */
function answer(protocol: 'imap' | 'pop3', line: string, secure: boolean): string {
  if (protocol === 'imap') {
    const [tag = '*', command = ''] = line.split(' ');
    switch (command.toUpperCase()) {
      case 'CAPABILITY':
        return `* CAPABILITY ${secure ? imapCapabilities.secure : imapCapabilities.plain}\r\n${tag} OK done\r\n`;
      case 'STARTTLS':
        return `${tag} OK Begin TLS negotiation now\r\n`;
      case 'LOGOUT':
        return `* BYE logging out\r\n${tag} OK done\r\n`;
      case 'NOOP':
        return `${tag} OK NOOP completed\r\n`;
      default:
        return `${tag} NO [PRIVACYREQUIRED] not here\r\n`;
    }
  }
  switch (line.split(' ')[0]?.toUpperCase()) {
    case 'CAPA':
      return `+OK\r\n${secure ? 'USER\r\nSASL PLAIN\r\nTOP' : 'STLS\r\nTOP'}\r\n.\r\n`;
    case 'STLS':
      return '+OK Begin TLS negotiation now\r\n';
    case 'QUIT':
      return '+OK bye\r\n';
    default:
      return '-ERR [AUTH] not now\r\n';
  }
}

function isUpgrade(protocol: 'imap' | 'pop3', line: string): boolean {
  return protocol === 'imap' ? / STARTTLS$/i.test(line) : /^STLS$/i.test(line);
}

/** Streams `total` bytes in 64 KiB pieces, stopping when the peer goes away. */
function stream(socket: net.Socket, total: number, piece: Buffer): void {
  let sent = 0;
  const more = () => {
    while (sent < total && !socket.destroyed) {
      sent += piece.length;
      if (!socket.write(piece)) return void socket.once('drain', more);
    }
  };
  more();
}

export function accessServer(script: AccessScript): Promise<HostileServer> {
  const context = tls.createSecureContext(script.tls);
  const { protocol, misbehaviour } = script;
  return rawServer((socket) => {
    if (misbehaviour === 'preauth') {
      socket.write('* PREAUTH [CAPABILITY IMAP4rev1] logged in as nobody\r\n');
    } else if (misbehaviour === 'giant-line') {
      stream(socket, 10 * 1024 * 1024, Buffer.alloc(64 * 1024, 'x'));
      return;
    } else {
      socket.write(protocol === 'imap' ? '* OK hostile IMAP ready\r\n' : '+OK hostile POP3 ready\r\n');
    }
    const listen = (target: net.Socket, secure: boolean, pending: string[]) => {
      const handle = (lines: string[]) => {
        for (let i = 0; i < lines.length; i += 1) {
          const line = lines[i] ?? '';
          if (misbehaviour === 'endless-literal' && /CAPABILITY/i.test(line)) {
            target.write('* CAPABILITY {999999999}\r\n');
            stream(target, 999_999_999, Buffer.alloc(64 * 1024, 'a'));
            return;
          }
          const reply = answer(protocol, line, secure);
          if (!secure && isUpgrade(protocol, line)) {
            const injected =
              misbehaviour === 'injected-response'
                ? protocol === 'imap'
                  ? '* OK [ALERT] forged before TLS\r\nx1 OK LOGIN completed\r\n'
                  : '+OK forged before TLS\r\n'
                : '';
            target.write(reply + injected);
            target.removeAllListeners('data');
            // A vulnerable server keeps what followed STARTTLS and runs it inside TLS.
            const kept = misbehaviour === 'buffered-command' ? lines.slice(i + 1) : [];
            const secureSocket = new tls.TLSSocket(target, { isServer: true, secureContext: context });
            secureSocket.on('error', () => target.destroy());
            secureSocket.once('secure', () => listen(secureSocket, true, kept));
            return;
          }
          target.write(reply);
        }
      };
      target.on('data', (chunk: Buffer) => handle(chunk.toString('latin1').split('\r\n').slice(0, -1)));
      if (pending.length > 0) handle(pending);
    };
    listen(socket, false, []);
  });
}
