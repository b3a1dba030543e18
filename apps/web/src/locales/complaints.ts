import { registerBundle } from '../lib/i18n';
import en from './en/complaints.json';
import zhCN from './zh-CN/complaints.json';

registerBundle('complaints', { 'zh-CN': zhCN, en });
