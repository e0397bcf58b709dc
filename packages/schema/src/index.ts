export * from './types';
export * from './json-schemas';
export * from './validate-documents';
export * from './migrate-app-package';
export * from './label-text';
export * from './view-issues';
