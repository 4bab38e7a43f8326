import type { Server } from 'socket.io';
import { onStaffConnection } from '../../core/realtime.js';
import { registerWebchatChannel } from './adapter.js';
import { attachVisitorNamespace } from './namespace.js';
import { webchatStaffReadHandler } from './read-receipts.js';
import { endChatsOfTicket } from './service.js';
import { webchatStaffHandlers } from './staff-typing.js';
import { webchatStaffPresenceHandler } from './visitor-presence.js';
import { onTicketStatusChanged } from '../../tickets/service.js';

export { seedDemoWidgetKey } from './keys.js';
export { widgetKeyRoutes } from './routes.js';
export { registerWebchatChannel } from './adapter.js';

/** The web-chat channel on a hub process: visitor namespace, reply adapter, staff typing, read and presence. */
export function attachWebchat(io: Server): void {
  attachVisitorNamespace(io);
  registerWebchatChannel();
  onStaffConnection(webchatStaffHandlers);
  onStaffConnection(webchatStaffReadHandler);
  onStaffConnection(webchatStaffPresenceHandler);
  onTicketStatusChanged(endChatsOfTicket);
}
