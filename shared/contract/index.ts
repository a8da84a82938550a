export * from './errors';
export * from './models';
export * from './methods';
export * from './events';
export * from './client';
export * from './dispatcher';
export * from './bridge';
