export * from './features';
export * from './eval';
export * from './model';
