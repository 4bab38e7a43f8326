import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { attachWebchat } from '../../channels/webchat/index.js';
import { staffSocketHandlers } from '../../routing/socket-handlers.js';
import { flushCustomerActivity } from '../../tickets/customer-activity.js';
import type { Config } from '../config.js';
import { attachRealtime, closeRealtime, onStaffConnection } from '../realtime.js';
import { createApp } from './app.js';

/** The hub process's listener: the API, the static apps and socket.io on one HTTP server. */
export async function startHub(config: Config, port = config.PORT, host = config.HOST) {
  const server = http.createServer(createApp(config));
  attachWebchat(attachRealtime(server, config.CORS_ORIGINS));
  onStaffConnection(staffSocketHandlers);
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const address = server.address() as AddressInfo;
  return {
    server,
    port: address.port,
    /** Stops accepting, lets in-flight requests finish, then drops sockets. */
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await closeRealtime();
      await closed;
      await flushCustomerActivity();
    },
  };
}
