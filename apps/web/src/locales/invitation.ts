import { registerBundle } from '../lib/i18n';
import zhCN from './zh-CN/invitation.json';

registerBundle('invitation', zhCN);
