import { registerBundle } from '../lib/i18n';
import en from './en/invitation.json';
import zhCN from './zh-CN/invitation.json';

registerBundle('invitation', { 'zh-CN': zhCN, en });
