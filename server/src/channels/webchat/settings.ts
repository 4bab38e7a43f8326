import { config } from '../../core/config.js';

/** Web-chat limits from the configuration; tests may override them with setWebchatSettings(). */
export interface WebchatSettings {
  maxMessageChars: number;
  messagesPerMinutePerVisitor: number;
  messagesPerMinutePerIp: number;
  conversationsPerHourPerVisitor: number;
  conversationsPerHourPerIp: number;
  queuePushMs: number;
  /** How long a waiting visitor may be gone (reload, flaky network) before "abandoned". */
  abandonGraceMs: number;
  serialLookupsPerMinute: number;
}

let current: WebchatSettings | undefined;
let version = 0;

export function webchatSettings(): WebchatSettings {
  const c = config();
  current ??= {
    maxMessageChars: c.WEBCHAT_MAX_MESSAGE_CHARS,
    messagesPerMinutePerVisitor: c.WEBCHAT_MESSAGES_PER_MINUTE,
    messagesPerMinutePerIp: c.WEBCHAT_MESSAGES_PER_MINUTE_PER_IP,
    conversationsPerHourPerVisitor: c.WEBCHAT_CONVERSATIONS_PER_HOUR,
    conversationsPerHourPerIp: c.WEBCHAT_CONVERSATIONS_PER_HOUR_PER_IP,
    queuePushMs: c.WEBCHAT_QUEUE_PUSH_MS,
    abandonGraceMs: c.WEBCHAT_ABANDON_GRACE_SECONDS * 1000,
    serialLookupsPerMinute: 20,
  };
  return current;
}

/** Changes limits at run time (tests); rate limiters are rebuilt on next use. */
export function setWebchatSettings(changes: Partial<WebchatSettings>): void {
  current = { ...webchatSettings(), ...changes };
  version += 1;
}

export const settingsVersion = () => version;
