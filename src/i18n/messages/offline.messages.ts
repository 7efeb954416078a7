import { defineMessages } from '../define';

/** The offline app (service worker): the update notice. */
export const offline = defineMessages({
  'offline.updateReady': {
    en: 'A new version is ready — reload when convenient.',
    'zh-CN': '新版本已就绪，方便时刷新。',
  },
  'offline.reloadNow': { en: 'Reload now', 'zh-CN': '立即刷新' },
  'offline.updating': { en: 'Reloading…', 'zh-CN': '正在刷新…' },
});
