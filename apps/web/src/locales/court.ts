import { registerBundle } from '../lib/i18n';
import zhCN from './zh-CN/court.json';

/** The `court` namespace: the court portal (judges and clerks). */
registerBundle('court', zhCN);
