import { defineMessages } from '../define';

/** The classroom: presenter mode, keyboard shortcuts, the QR code of the link (`present.*`, `keys.*`, `qr.*`). */
export const classroom = defineMessages({
  'present.on': { en: 'Present', 'zh-CN': '演示模式' },
  'present.off': { en: 'Leave presenter mode', 'zh-CN': '退出演示模式' },
  'present.hint': {
    en: 'Large type and thick lines for a projector, fewer buttons. Press ? for the keyboard shortcuts.',
    'zh-CN': '为投影仪放大字号、加粗线条，并精简按钮。按 ? 查看键盘快捷键。',
  },
  'present.qr': { en: 'QR code', 'zh-CN': '二维码' },
  'present.keys': { en: 'Shortcuts', 'zh-CN': '快捷键' },

  'keys.title': { en: 'Keyboard shortcuts', 'zh-CN': '键盘快捷键' },
  'keys.hint': {
    en: 'They work anywhere except while typing in a field. A presentation clicker’s Page Down / Page Up turn the lesson’s steps.',
    'zh-CN': '在输入框里打字时除外，任何地方都可用。翻页笔的 Page Down / Page Up 可以翻动课程的步骤。',
  },
  'keys.playPause': { en: 'Train / pause', 'zh-CN': '训练 / 暂停' },
  'keys.step': { en: 'One training step', 'zh-CN': '训练一步' },
  'keys.reset': { en: 'Reset to the initial weights', 'zh-CN': '重置为初始权重' },
  'keys.next': { en: 'Next lesson step', 'zh-CN': '课程的下一步' },
  'keys.back': { en: 'Previous lesson step', 'zh-CN': '课程的上一步' },
  'keys.presenter': { en: 'Presenter mode on / off', 'zh-CN': '打开 / 关闭演示模式' },
  'keys.qr': { en: 'QR code of this page', 'zh-CN': '本页的二维码' },
  'keys.help': { en: 'This list', 'zh-CN': '显示本列表' },
  'keys.close': { en: 'Close', 'zh-CN': '关闭' },
  'keys.key': { en: 'Key', 'zh-CN': '按键' },
  'keys.action': { en: 'What it does', 'zh-CN': '作用' },
  'keys.space': { en: 'Space', 'zh-CN': '空格' },

  'qr.title': { en: 'Open this on your phone', 'zh-CN': '用手机打开这个页面' },
  'qr.hint': {
    en: 'Scan the code with a phone’s camera: it opens exactly what is on screen, with the controls the share settings hide.',
    'zh-CN': '用手机相机扫描二维码，即可打开与屏幕上完全相同的内容（按分享设置隐藏相应控件）。',
  },
  'qr.alt': { en: 'QR code of the link {url}', 'zh-CN': '链接 {url} 的二维码' },
  'qr.length': { en: 'The link is {n} characters long.', 'zh-CN': '链接长 {n} 个字符。' },
  'qr.dense': {
    en: 'This link is long, so the code is dense: phones may need to come close to the screen. A lesson link (Lessons → a lesson) is much shorter.',
    'zh-CN': '链接较长，二维码很密，手机可能要离屏幕近一些才能扫到。课程链接（课程 → 选一课）要短得多。',
  },
  'qr.tooLong': {
    en: 'This link ({n} characters) is too long for a QR code. Share it as text, or start from a lesson link, which is much shorter.',
    'zh-CN': '链接（{n} 个字符）太长，无法生成二维码。请以文本方式分享，或改用短得多的课程链接。',
  },
  'qr.close': { en: 'Close', 'zh-CN': '关闭' },

  'figure.menu': { en: 'Save or copy this figure', 'zh-CN': '保存或复制这张图' },
  'figure.png': { en: 'Save as PNG', 'zh-CN': '保存为 PNG' },
  'figure.svg': { en: 'Save as SVG', 'zh-CN': '保存为 SVG' },
  'figure.copy': { en: 'Copy as image', 'zh-CN': '复制为图片' },
  'figure.copied': { en: 'Copied', 'zh-CN': '已复制' },
  'figure.copyFailed': { en: 'This browser does not allow copying images: save it instead.', 'zh-CN': '此浏览器不允许复制图片，请改为保存。' },

  'stop.epochs': { en: 'Stop at', 'zh-CN': '停止于' },
  'stop.epochsOff': { en: 'no limit', 'zh-CN': '不限' },
  'stop.epochsN': { en: 'epoch {n}', 'zh-CN': '第 {n} 轮' },
  'stop.when': { en: 'Stop when', 'zh-CN': '满足条件时停止' },
  'stop.whenPlaceholder': { en: 'e.g. testAcc >= 0.95', 'zh-CN': '例如 testAcc >= 0.95' },
  'stop.whenHint': {
    en: 'A condition in the lessons’ language: facts such as testLoss, testAcc, epoch, layer.Dense; and, or, not; compared with < <= == != >= >.',
    'zh-CN': '用课程中的条件语言书写：事实如 testLoss、testAcc、epoch、layer.Dense，可用 and、or、not 组合，并用 < <= == != >= > 比较。',
  },
  'stop.whenBad': { en: 'Not a condition yet: {error}', 'zh-CN': '条件还不完整：{error}' },
  'stop.whenOk': { en: 'Training pauses as soon as this holds.', 'zh-CN': '一旦满足就暂停训练。' },
  'notice.stopRuleEpochs': { en: 'Stopped at the end of epoch {epoch}, as the stop rule says.', 'zh-CN': '已按停止条件在第 {epoch} 轮结束时停止。' },
  'notice.stopRuleWhen': { en: 'Stopped at epoch {epoch}: “{when}” holds.', 'zh-CN': '已在第 {epoch} 轮停止：“{when}”已满足。' },
});
