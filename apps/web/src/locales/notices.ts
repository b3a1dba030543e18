import { registerBundle } from '../lib/i18n';
import zhCN from './zh-CN/notices.json';

registerBundle('notices', zhCN);
