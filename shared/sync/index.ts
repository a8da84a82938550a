export * from './items';
export * from './protocol';
