import { registerBundle } from '../lib/i18n';
import zhCN from './zh-CN/complaints.json';

registerBundle('complaints', zhCN);
