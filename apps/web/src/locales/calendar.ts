import { registerBundle } from '../lib/i18n';
import zhCN from './zh-CN/calendar.json';

/** The `calendar` namespace: the holiday calendar (admin page, home warning, provisional deadlines). */
registerBundle('calendar', zhCN);
