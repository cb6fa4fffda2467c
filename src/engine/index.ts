export { scan, type ScanOptions, type ScanResult, type ControlTarget } from './scan';
export type * from './types';
export { REPORT_SCHEMA } from './types';
export { ENGINE_VERSION } from './version';
