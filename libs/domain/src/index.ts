export * from './roles';
export * from './errors';
export * from './case-lifecycle';
export * from './permissions';
export * from './working-days';
export * from './identity';
export * from './money';
