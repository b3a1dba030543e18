import { Initial1763900000000 } from './1763900000000-Initial';

/** Every migration, in order (listed, not globbed, so jest, the build and the CLI agree). */
export const MIGRATIONS: Function[] = [Initial1763900000000];
