import { registerBundle } from '../lib/i18n';
import en from './en/statistics.json';
import zhCN from './zh-CN/statistics.json';

registerBundle('statistics', { 'zh-CN': zhCN, en });
