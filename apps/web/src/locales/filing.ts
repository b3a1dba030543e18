import { registerBundle } from '../lib/i18n';
import en from './en/filing.json';
import zhCN from './zh-CN/filing.json';

registerBundle('filing', { 'zh-CN': zhCN, en });
