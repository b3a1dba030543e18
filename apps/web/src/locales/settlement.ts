import { registerBundle } from '../lib/i18n';
import en from './en/settlement.json';
import zhCN from './zh-CN/settlement.json';

/** The `settlement` namespace: the agreement page (drafting, review, signing) and the public /verify page. */
registerBundle('settlement', { 'zh-CN': zhCN, en });
