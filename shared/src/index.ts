export type * from './realtime.js';
