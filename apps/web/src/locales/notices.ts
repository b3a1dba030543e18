import { registerBundle } from '../lib/i18n';
import en from './en/notices.json';
import zhCN from './zh-CN/notices.json';

registerBundle('notices', { 'zh-CN': zhCN, en });
