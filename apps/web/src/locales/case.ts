import { registerBundle } from '../lib/i18n';
import en from './en/case.json';
import zhCN from './zh-CN/case.json';

/** The `case` namespace: states, steps, dispute types, deadlines and reason codes, used by every case page. */
registerBundle('case', { 'zh-CN': zhCN, en });
