export * from './errors';
export * from './hash';
export * from './paths';
export * from './process';
export * from './progress';
export * from './versions';
export * from './git';
export * from './tfjs';
