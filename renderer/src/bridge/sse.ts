/** A small reader for `text/event-stream` bodies (the web bridge's audit progress). */

export interface SseMessage {
  event: string;
  data: string;
}

/**
 * Feeds chunks of text in, gets complete messages out. Messages end with a blank
 * line; a chunk may stop anywhere, so the unfinished rest is kept for the next one.
 */
export function createSseParser(): { push: (chunk: string) => SseMessage[] } {
  let buffer = '';
  // A chunk may end between the \r and \n of one line break: hold a trailing \r back.
  let pendingCr = false;
  return {
    push(chunk) {
      let text = (pendingCr ? '\r' : '') + chunk;
      pendingCr = text.endsWith('\r');
      if (pendingCr) text = text.slice(0, -1);
      buffer += text.replace(/\r\n?/g, '\n');
      const messages: SseMessage[] = [];
      let end = buffer.indexOf('\n\n');
      while (end !== -1) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const message = parseBlock(block);
        if (message) messages.push(message);
        end = buffer.indexOf('\n\n');
      }
      return messages;
    },
  };
}

function parseBlock(block: string): SseMessage | null {
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  return data.length > 0 ? { event, data: data.join('\n') } : null;
}
