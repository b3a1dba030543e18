import { registerBundle } from '../lib/i18n';
import zhCN from './zh-CN/noticePages.json';

// The notification pages' texts (settings, deliveries, the failed list): loaded with those pages,
// not with the header's bell, whose namespace ('notices') stays on every page's first load.
registerBundle('noticePages', zhCN);
