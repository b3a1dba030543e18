import { registerBundle } from '../lib/i18n';
import zhCN from './zh-CN/settlement.json';

/** The `settlement` namespace: the agreement page (drafting, review, signing) and the public /verify page. */
registerBundle('settlement', zhCN);
