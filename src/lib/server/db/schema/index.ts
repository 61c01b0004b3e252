export * from './municipalities';
export * from './people';
export * from './tandems';
export * from './auth';
