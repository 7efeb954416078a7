import { defineMessages } from '../define';

/**
 * Teacher controls: lessons a teacher writes in the app (`teacher.*` editor, file, link and their
 * problems) and the Share dialog's graph-editor rules (palette, students may edit).
 */
export const teacher = defineMessages({
  // The lesson map's entries
  'teacher.write': { en: 'Write a lesson', 'zh-CN': '编写课程' },
  'teacher.openFile': { en: 'Open a lesson file…', 'zh-CN': '打开课程文件…' },
  'teacher.openFailed': { en: 'This lesson could not be opened: {reason}. Your work is unchanged.', 'zh-CN': '无法打开这节课：{reason}。你当前的内容没有改变。' },
  'teacher.mark': { en: 'Teacher’s lesson', 'zh-CN': '教师课程' },
  'teacher.mark.title': { en: 'Written by a teacher, in {language}', 'zh-CN': '由教师编写，使用{language}' },
  'teacher.lang': { en: 'Written in', 'zh-CN': '课程语言' },
  'teacher.lang.en': { en: 'English', 'zh-CN': '英文' },
  'teacher.lang.zh-CN': { en: 'Chinese', 'zh-CN': '中文' },

  // The editor
  'teacher.editor.title': { en: 'Write a lesson', 'zh-CN': '编写课程' },
  'teacher.editor.intro': {
    en: 'Write the steps in your own language; learners see your words as written. Text may use *emphasis*, **bold**, `code`, lists and formulas in $…$ or $$…$$. Set up the network in the app, then use it as a step’s setup. A check is a condition on what is on screen, such as step > 20 or testAcc >= 0.9.',
    'zh-CN': '用你自己的语言写下每一步，学生看到的就是你写的原文。正文可以用 *强调*、**加粗**、`代码`、列表，以及 $…$ 或 $$…$$ 中的公式。先在应用里搭好网络，再把它设为某一步的初始设置。检查是对屏幕上状态的条件，例如 step > 20 或 testAcc >= 0.9。',
  },
  'teacher.step': { en: 'Step {n}', 'zh-CN': '第 {n} 步' },
  'teacher.step.add': { en: 'Add a step', 'zh-CN': '添加一步' },
  'teacher.step.remove': { en: 'Remove step {n}', 'zh-CN': '删除第 {n} 步' },
  'teacher.step.up': { en: 'Move step {n} up', 'zh-CN': '将第 {n} 步上移' },
  'teacher.step.down': { en: 'Move step {n} down', 'zh-CN': '将第 {n} 步下移' },
  'teacher.text.placeholder': { en: 'What the learner reads, e.g. The loss is $L = (y - \\hat y)^2$.', 'zh-CN': '学生要读的内容，例如：损失为 $L = (y - \\hat y)^2$。' },
  'teacher.preview': { en: 'Preview', 'zh-CN': '预览' },
  'teacher.preview.empty': { en: 'The preview appears here as you type.', 'zh-CN': '输入时，预览会显示在这里。' },
  'teacher.setup.none': { en: 'none: the learner’s network stays', 'zh-CN': '无：保留学生当前的网络' },
  'teacher.setup.summary': { en: '{dataset}, {n} layers', 'zh-CN': '{dataset}，{n} 层' },
  'teacher.setup.capture': { en: 'Use the current Experiment', 'zh-CN': '使用当前实验' },
  'teacher.setup.recapture': { en: 'Replace with the current Experiment', 'zh-CN': '换成当前实验' },
  'teacher.setup.remove': { en: 'Remove the setup', 'zh-CN': '移除初始设置' },
  'teacher.target.none': { en: '— nothing highlighted —', 'zh-CN': '— 不突出显示 —' },
  'teacher.check.hint': {
    en: 'Optional. Facts such as step, epoch, testAcc, trainLoss, lossGap, layer.Dense; operators == != < <= > >=, and, or, not. Show me trains the step’s network.',
    'zh-CN': '可选。可用的量有 step、epoch、testAcc、trainLoss、lossGap、layer.Dense 等；运算符 == != < <= > >=、and、or、not。“演示给我看”会训练这一步的网络。',
  },
  'teacher.ready': { en: 'Ready: {n} steps, checked like the built-in lessons.', 'zh-CN': '已就绪：共 {n} 步，已按内置课程的标准检查。' },
  'teacher.try': { en: 'Try it', 'zh-CN': '试上一遍' },
  'teacher.save': { en: 'Save as file', 'zh-CN': '保存为文件' },
  'teacher.makeLink': { en: 'Copy link', 'zh-CN': '复制链接' },
  'teacher.link': { en: 'Link to the lesson', 'zh-CN': '课程链接' },
  'teacher.link.tooLong': {
    en: 'This lesson is too long for a link (over {max} characters). Save it as a file and hand that out instead.',
    'zh-CN': '这节课太长，放不进链接（超过 {max} 个字符）。请保存为文件再分发给学生。',
  },
  'teacher.openToEdit': { en: 'Open a file to edit…', 'zh-CN': '打开文件编辑…' },
  'teacher.new': { en: 'New lesson', 'zh-CN': '新课程' },
  'teacher.new.confirm': { en: 'Start a new lesson? The one being written is discarded.', 'zh-CN': '开始一节新课程吗？正在编写的内容将被丢弃。' },
  'teacher.close': { en: 'Close', 'zh-CN': '关闭' },

  // Where a problem is
  'teacher.field.title': { en: 'Title', 'zh-CN': '标题' },
  'teacher.field.text': { en: 'Text', 'zh-CN': '正文' },
  'teacher.field.setup': { en: 'Setup', 'zh-CN': '初始设置' },
  'teacher.field.target': { en: 'Highlight', 'zh-CN': '突出显示' },
  'teacher.field.check': { en: 'Check', 'zh-CN': '检查' },
  'teacher.where.step': { en: 'Step {n}', 'zh-CN': '第 {n} 步' },
  'teacher.where.stepField': { en: 'Step {n}, {field}', 'zh-CN': '第 {n} 步的{field}' },
  'teacher.where.join': { en: '{where}: {what}', 'zh-CN': '{where}：{what}' },
  // What is wrong
  'teacher.err.empty': { en: 'empty', 'zh-CN': '为空' },
  'teacher.err.tooLong': { en: 'longer than {max} characters', 'zh-CN': '超过 {max} 个字符' },
  'teacher.err.html': { en: 'HTML is not allowed (found “{found}”)', 'zh-CN': '不允许使用 HTML（发现“{found}”）' },
  'teacher.err.script': { en: 'script links are not allowed (found “{found}”)', 'zh-CN': '不允许使用脚本链接（发现“{found}”）' },
  'teacher.err.target': { en: 'unknown highlight “{target}”', 'zh-CN': '未知的突出显示对象“{target}”' },
  'teacher.err.check': { en: '{error} (at character {at})', 'zh-CN': '{error}（第 {at} 个字符处）' },
  'teacher.err.setup': { en: 'the Experiment is not valid ({reason})', 'zh-CN': '实验无效（{reason}）' },
  'teacher.err.noSteps': { en: 'a lesson needs at least one step', 'zh-CN': '一节课至少需要一步' },
  'teacher.err.tooManySteps': { en: 'more than {max} steps', 'zh-CN': '超过 {max} 步' },
  'teacher.err.tooLarge': { en: 'the file is larger than {max} characters', 'zh-CN': '文件超过 {max} 个字符' },
  'teacher.err.notJson': { en: 'the file is not JSON', 'zh-CN': '文件不是 JSON 格式' },
  'teacher.err.notLesson': { en: 'this is not a lesson file of Gradient Garden', 'zh-CN': '这不是梯度花园的课程文件' },
  'teacher.err.newer': { en: 'it was made by a newer version of the app', 'zh-CN': '它由更新版本的应用生成' },
  'teacher.err.corruptLink': { en: 'the link is damaged (cut short when copied?)', 'zh-CN': '链接已损坏（复制时被截断了？）' },
  'teacher.err.shape': { en: 'unexpected content at “{path}”', 'zh-CN': '“{path}”处的内容不符合格式' },
  'teacher.err.lesson': { en: '{detail}', 'zh-CN': '{detail}' },

  // The Share dialog: the graph editor's rules
  'teacher.share.mayEdit': { en: 'Students may edit the network', 'zh-CN': '允许学生修改网络' },
  'teacher.share.mayEditHint': {
    en: 'Off: the network is read-only — in the graph editor students can look, select and train, but not add, move, connect or delete layers; the playground’s layer, activation and dropout controls are hidden.',
    'zh-CN': '关闭时网络为只读：在图编辑器里，学生可以查看、选中和训练，但不能添加、移动、连接或删除层；游乐场中的层、激活函数和暂退法控件也会隐藏。',
  },
  'teacher.share.palette': { en: 'Layer types the palette offers', 'zh-CN': '层面板提供的层类型' },
  'teacher.share.offer': { en: 'Offer {name} layers', 'zh-CN': '提供 {name} 层' },
  'teacher.share.paletteAll': { en: 'all', 'zh-CN': '全部' },
  'teacher.share.paletteAllBox': { en: 'All layer types', 'zh-CN': '全部层类型' },
  'teacher.share.paletteCount': { en: '{n} of {m}', 'zh-CN': '{m} 种中的 {n} 种' },
  // The student's editor
  'teacher.readOnly.note': {
    en: 'Your teacher made this network read-only: you can look at it, select layers and train it, but not change it.',
    'zh-CN': '老师把这个网络设为只读：你可以查看、选中层并训练，但不能修改它。',
  },
  'teacher.readOnly.palette': { en: 'Read-only: your teacher’s link does not allow adding layers.', 'zh-CN': '只读：老师的链接不允许添加层。' },
  'teacher.readOnly.refused': { en: 'Not changed: your teacher made this network read-only.', 'zh-CN': '未修改：老师把这个网络设为只读。' },
  'teacher.readOnly.inspector': { en: 'Read-only: the settings are shown, not editable.', 'zh-CN': '只读：这里只显示设置，不能修改。' },
  'teacher.palette.restricted': { en: 'Your teacher chose which layer types to offer.', 'zh-CN': '老师选定了可用的层类型。' },
  'teacher.palette.refused': { en: 'Your teacher’s link does not offer {type} layers.', 'zh-CN': '老师的链接不提供 {type} 层。' },
});
