import { registerBundle } from '../lib/i18n';
import en from './en/mediatorChange.json';
import zhCN from './zh-CN/mediatorChange.json';

registerBundle('mediatorChange', { 'zh-CN': zhCN, en });
