import { registerBundle } from '../lib/i18n';
import en from './en/confirmation.json';
import zhCN from './zh-CN/confirmation.json';

/** The `confirmation` namespace: the parties' judicial confirmation section (R29–R35). */
registerBundle('confirmation', { 'zh-CN': zhCN, en });
