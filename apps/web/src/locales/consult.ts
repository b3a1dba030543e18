import { registerBundle } from '../lib/i18n';
import en from './en/consult.json';
import zhCN from './zh-CN/consult.json';

registerBundle('consult', { 'zh-CN': zhCN, en });
