import { registerBundle } from '../lib/i18n';
import zhCN from './zh-CN/consult.json';

registerBundle('consult', zhCN);
