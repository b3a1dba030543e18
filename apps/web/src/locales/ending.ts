import { registerBundle } from '../lib/i18n';
import zhCN from './zh-CN/ending.json';

/** The `ending` namespace: failure report, escalation, the court's filing queue, extensions, sham flag. */
registerBundle('ending', zhCN);
