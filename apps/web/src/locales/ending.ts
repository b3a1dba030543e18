import { registerBundle } from '../lib/i18n';
import en from './en/ending.json';
import zhCN from './zh-CN/ending.json';

/** The `ending` namespace: failure report, escalation, the court's filing queue, extensions, sham flag. */
registerBundle('ending', { 'zh-CN': zhCN, en });
