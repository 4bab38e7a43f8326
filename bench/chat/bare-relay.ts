/**
 * The comparison for bench/chat: a bare socket.io 4 relay on one process, no persistence, no
 * auth. Visitors emit `msg` {to, id, sentAt} with an ack; the server relays it to the expert's
 * room and acknowledges. Experts join their room from the handshake query.
 *
 *   PORT=0 npx tsx bench/chat/bare-relay.ts     (prints "listening <port>")
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';

const http = createServer();
const io = new Server(http, { cors: { origin: true } });
io.on('connection', (socket) => {
  const expert = socket.handshake.query.expert;
  if (typeof expert === 'string') void socket.join(`e:${expert}`);
  socket.on('msg', (payload: { to: string }, ack?: () => void) => {
    io.to(`e:${payload.to}`).emit('msg', payload);
    ack?.();
  });
});
http.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`listening ${(http.address() as AddressInfo).port}`);
});
