export * from './errors';
export * from './limits';
export * from './auth';
export * from './socket';
export * from './cases';
export * from './mediation';
export * from './settlement';
