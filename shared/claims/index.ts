export * from './model';
export * from './parts';
export * from './build';
export * from './period';
export * from './labels';
