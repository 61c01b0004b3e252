export * from './municipalities';
export * from './people';
export * from './tandems';
export * from './auth';
export * from './documents';
export * from './goals';
export * from './measurements';
export * from './loop';
