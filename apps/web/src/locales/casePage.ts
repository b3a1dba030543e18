import { registerBundle } from '../lib/i18n';
import en from './en/casePage.json';
import zhCN from './zh-CN/casePage.json';

registerBundle('casePage', { 'zh-CN': zhCN, en });
