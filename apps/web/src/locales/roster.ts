import { registerBundle } from '../lib/i18n';
import zhCN from './zh-CN/roster.json';

registerBundle('roster', zhCN);
