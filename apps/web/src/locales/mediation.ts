import { registerBundle } from '../lib/i18n';
import zhCN from './zh-CN/mediation.json';

/** The `mediation` namespace: the separate sessions page (party view, mediator console, calls, sessions). */
registerBundle('mediation', zhCN);
