import { defineMessages } from '../define';

/**
 * Issue 16's leftovers: a distillation teacher opened from a file, the transfer tab opening the
 * learner's own saved weights, and the pinned-run legend naming where a run's weights started.
 */
export const teacherFile = defineMessages({
  // The distillation tab: a teacher from a file
  'teacherFile.usePretrained': { en: 'Use the pre-trained digit CNN as the teacher', 'zh-CN': '用预训练的数字卷积网络作教师' },
  'teacherFile.open': { en: 'Open a teacher from a saved file…', 'zh-CN': '从已保存的文件打开教师网络…' },
  'teacherFile.from.page': { en: 'From: the network trained on this page.', 'zh-CN': '来源：在本页训练的网络。' },
  'teacherFile.from.pretrained': { en: 'From: the pre-trained network “{name}”.', 'zh-CN': '来源：预训练网络“{name}”。' },
  'teacherFile.from.file': { en: 'From: your saved file “{name}”.', 'zh-CN': '来源：你保存的文件“{name}”。' },
  'teacherFile.overlap': {
    en: 'A teacher from a file may have been trained on some of the images tested here, so its accuracy here can look better than on images it never saw.',
    'zh-CN': '从文件载入的教师可能在训练时见过这里的部分测试图像，因此它在这里的准确率可能比在从未见过的图像上更高。',
  },
  'teacherFile.refused': {
    en: 'This file cannot be the teacher: {cause}. Your network and your teacher are unchanged.',
    'zh-CN': '这个文件不能用作教师：{cause}。你的网络和原来的教师都没有改变。',
  },
  'teacherFile.err.noWeights': {
    en: 'it holds a network but no trained weights (save the network after training it)',
    'zh-CN': '它只包含网络结构，没有训练好的权重（请在训练之后再保存网络）',
  },
  'teacherFile.err.weightsDamaged': { en: 'its weights are damaged ({cause})', 'zh-CN': '其中的权重已损坏（{cause}）' },
  'teacherFile.err.dataset': {
    en: 'its network was trained on “{from}”, but the network here trains on “{to}”',
    'zh-CN': '它的网络是在“{from}”上训练的，而这里的网络在“{to}”上训练',
  },
  'teacherFile.err.input': {
    en: 'its network takes inputs of {from}, but the images here are {to}',
    'zh-CN': '它的网络输入形状为 {from}，而这里的图像是 {to}',
  },
  'teacherFile.err.classes': {
    en: 'its network tells {from} classes apart, but the data here has {to}',
    'zh-CN': '它的网络区分 {from} 个类别，而这里的数据有 {to} 个类别',
  },
  'teacherFile.err.weightsFit': {
    en: 'it holds {have} weights, but its network needs {want}',
    'zh-CN': '它包含 {have} 个权重，而它的网络需要 {want} 个',
  },
  'teacherFile.err.network': { en: 'its network has an error and cannot be built', 'zh-CN': '它的网络有错误，无法构建' },
  'teacherFile.err.fetch': { en: 'the pre-trained file could not be fetched ({cause})', 'zh-CN': '无法获取预训练文件（{cause}）' },
  'teacherFile.err.read': { en: 'the file could not be read', 'zh-CN': '无法读取这个文件' },
  // The transfer tab: the learner's own saved weights
  'transfer.loadOwn': { en: 'Or open your own saved weights…', 'zh-CN': '或者打开你自己保存的权重…' },
  'transfer.loadOwn.hint': {
    en: 'A file you saved with Save after training an image network: its network and trained weights replace the current ones (Undo brings them back).',
    'zh-CN': '训练图像网络后用“保存”得到的文件：其中的网络和训练好的权重将替换当前的网络（撤销可恢复）。',
  },
  'transfer.loadedOwn': { en: 'Your saved network “{name}” is loaded with its weights.', 'zh-CN': '已载入你保存的网络“{name}”及其权重。' },
  'transfer.err.fileNotImage': {
    en: 'its network is not an image network, so it has no features to transfer to the shapes',
    'zh-CN': '它不是图像网络，没有可以迁移到形状任务上的特征',
  },
  'transfer.start': { en: 'Weights started: {start}', 'zh-CN': '权重起点：{start}' },
  // The pinned runs' legend: where a run's weights started
  'pin.diff.start': { en: '{from} → {to}', 'zh-CN': '{from} → {to}' },
  'pin.start.scratch': { en: 'from scratch', 'zh-CN': '从头训练' },
  'pin.start.here': { en: 'weights trained on this page', 'zh-CN': '在本页训练的权重' },
  'pin.start.pretrained': { en: 'pre-trained ({name})', 'zh-CN': '预训练（{name}）' },
  'pin.start.pretrainedUnnamed': { en: 'pre-trained', 'zh-CN': '预训练' },
  'pin.start.file': { en: 'saved weights ({name})', 'zh-CN': '已保存的权重（{name}）' },
  'pin.start.fileUnnamed': { en: 'saved weights', 'zh-CN': '已保存的权重' },
});
