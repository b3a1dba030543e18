import { registerBundle } from '../lib/i18n';
import zhCN from './zh-CN/statistics.json';

registerBundle('statistics', zhCN);
