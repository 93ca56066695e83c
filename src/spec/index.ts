export type * from './models.js';
export type * from './options.js';
export type * from './provider.js';
export type * from './clock.js';
export type * from './adapter.js';
export type * from './quota.js';
export type * from './plan.js';
export type * from './telemetry.js';
