export * from './domain.js';
export type * from './realtime.js';
export type * from './webchat.js';
