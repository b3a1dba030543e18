import { registerBundle } from '../lib/i18n';
import zhCN from './zh-CN/performance.json';

/** The `performance` namespace: the obligations section of the case page (R28) and the enforcement application (R34). */
registerBundle('performance', zhCN);
