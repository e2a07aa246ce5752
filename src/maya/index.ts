export * from './features';
export * from './eval';
export * from './model';
export * from './generate';
export * from './workflow';
