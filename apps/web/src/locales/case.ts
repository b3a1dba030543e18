import { registerBundle } from '../lib/i18n';
import zhCN from './zh-CN/case.json';

/** The `case` namespace: states, steps, dispute types, deadlines and reason codes, used by every case page. */
registerBundle('case', zhCN);
