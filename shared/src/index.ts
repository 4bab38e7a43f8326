export * from './domain.js';
export type * from './realtime.js';
