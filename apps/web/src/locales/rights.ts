import { registerBundle } from '../lib/i18n';
import en from './en/rights.json';
import zhCN from './zh-CN/rights.json';

registerBundle('rights', { 'zh-CN': zhCN, en });
