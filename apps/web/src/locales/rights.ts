import { registerBundle } from '../lib/i18n';
import zhCN from './zh-CN/rights.json';

registerBundle('rights', zhCN);
