import { Router } from 'express';
import { smsChannelStatus } from '../channels/sms/channel.js';
import { voiceChannelStatus } from '../channels/voice/channel.js';
import { mongoReady } from '../core/db.js';
import { redisReady } from '../core/redis.js';

/** /healthz: the process answers. /readyz: MongoDB and Redis answer too (load balancers use it). */
export function healthRoutes(): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const [mongo, redis] = await Promise.all([mongoReady(), redisReady()]);
    const ready = mongo && redis;
    res.status(ready ? 200 : 503).json({
      status: ready ? 'ready' : 'unavailable',
      checks: { mongo, redis },
      // Channels switch themselves on from configuration; this says which are on and why not.
      channels: { sms: smsChannelStatus(), voice: voiceChannelStatus() },
    });
  });
  return router;
}
