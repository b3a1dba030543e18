import { registerBundle } from '../lib/i18n';
import en from './en/roster.json';
import zhCN from './zh-CN/roster.json';

registerBundle('roster', { 'zh-CN': zhCN, en });
