export * from './path';
export * from './spec';
export * from './http';
export * from './match';
export * from './runner';
