import { registerBundle } from '../lib/i18n';
import zhCN from './zh-CN/confirmation.json';

/** The `confirmation` namespace: the parties' judicial confirmation section (R29–R35). */
registerBundle('confirmation', zhCN);
