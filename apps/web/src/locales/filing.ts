import { registerBundle } from '../lib/i18n';
import zhCN from './zh-CN/filing.json';

registerBundle('filing', zhCN);
