import { registerBundle } from '../lib/i18n';
import zhCN from './zh-CN/casePage.json';

registerBundle('casePage', zhCN);
