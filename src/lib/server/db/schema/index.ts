export * from './accounts.ts';
export * from './organisations.ts';
export * from './places.ts';
export * from './platform.ts';
export * from './directory.ts';
export * from './support.ts';
export * from './referrals.ts';
export * from './guardianship.ts';
