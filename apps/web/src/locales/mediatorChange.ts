import { registerBundle } from '../lib/i18n';
import zhCN from './zh-CN/mediatorChange.json';

registerBundle('mediatorChange', zhCN);
