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

/** Work nobody waits for: a failure is logged with what it was, never an unhandled rejection. */
export function inBackground(work: Promise<unknown>, what: string): void {
  work.catch((err: unknown) => logger.warn({ err }, `${what} failed`));
}
