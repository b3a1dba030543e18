import { registerBundle } from '../lib/i18n';
import zhCN from './zh-CN/admin.json';

/** The `admin` namespace: the system admin console (issue #13). */
registerBundle('admin', zhCN);
