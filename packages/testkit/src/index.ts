export * from './action-meta';
export * from './runner';
export * from './infra';
export * from './docs';
