export * from './hours';
export * from './cells';
export * from './report';
