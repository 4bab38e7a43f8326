import { Router } from 'express';
import { MANAGERS, defineRoute } from '../core/http/route.js';
import { chooseGroup } from '../routing/choose-group.js';
import type { EntryKind } from '../routing/rules.model.js';
import { smsChannelStatus } from './sms/channel.js';
import { voiceChannelStatus } from './voice/channel.js';

async function numbersToGroups(kind: EntryKind, numbers: string[]) {
  return Promise.all(
    numbers.map(async (number) => {
      const group = await chooseGroup({ entryPoint: { kind, value: number } });
      return { number, group: group ? { id: String(group._id), name: group.name } : null };
    }),
  );
}

/** The console's channel settings page: which phone channels are on, why not, numbers -> groups. */
export function channelSettingsRoutes(): Router {
  const router = Router();
  defineRoute(router, {
    method: 'get',
    path: '/channels',
    tag: 'Channels',
    access: MANAGERS,
    summary: 'SMS and voice: on or off (and why), each support number and the group it leads to',
    handler: async () => {
      const sms = smsChannelStatus();
      const voice = voiceChannelStatus();
      return {
        sms: { ...sms, numbers: await numbersToGroups('sms-number', sms.numbers) },
        voice: { ...voice, numbers: await numbersToGroups('voice-number', voice.numbers) },
      };
    },
  });
  return router;
}
