import { pino } from 'pino';

/** The one logger: JSON lines, level from LOG_LEVEL (read before the config so start-up errors log too). */
export const logger = pino({
  level: process.env.LOG_LEVEL || 'info',
  base: { pid: process.pid, role: process.env.CC_ROLE },
  redact: {
    paths: ['req.headers.cookie', 'req.headers.authorization', '*.password'],
    remove: true,
  },
});

export type Logger = typeof logger;
