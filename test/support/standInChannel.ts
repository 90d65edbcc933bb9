import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  method: string;
  url: string;
  body: { type: string; text?: string; replyToId?: string; conversation: { id: string } };
}

/**
 * The Bot Framework Emulator (or any channel) POSTs to /api/messages with its own serviceUrl and expects
 * replies at {serviceUrl}/v3/conversations/{id}/activities/{replyToId}.
 */
/** A channel's Connector API that keeps what the bot sends it. */
export async function standInChannel(): Promise<{ server: Server; url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      received.push({ method: req.method!, url: req.url!, body: JSON.parse(body) });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `r${received.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}


/** Closes a stand-in channel, with the sockets the bot's connector keeps alive. */
export async function closeChannel(server: Server): Promise<void> {
  const closed = new Promise((resolve) => server.close(resolve));
  server.closeAllConnections();
  await closed;
}
