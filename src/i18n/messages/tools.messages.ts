import { defineMessages } from '../define';

/** The tools panel on the trained network (issue 16): its frame, shared states, the test-split tab. */
export const tools = defineMessages({
  'tools.title': { en: 'Tools for the trained network', 'zh-CN': '训练好的网络：工具' },
  'tools.subtitle': {
    en: 'Measure, attack, explain or compress the network you trained',
    'zh-CN': '对训练好的网络做评估、攻击、解释或压缩',
  },
  'tools.computing': { en: 'Working…', 'zh-CN': '计算中…' },
  'tools.takenAt': { en: 'Measured at step {step} (now {now})', 'zh-CN': '在第 {step} 步测得（当前第 {now} 步）' },
  'tools.error.notBuilt': { en: 'There is no trained network yet: build or train one first.', 'zh-CN': '还没有可用的网络：请先构建或训练一个。' },
  'tools.error.busy': { en: 'Another tool is still running: try again when it is done.', 'zh-CN': '另一个工具仍在运行：请等它完成后再试。' },
  'tools.error.changed': { en: 'The network changed while this ran: run it again.', 'zh-CN': '运行期间网络发生了变化：请重新运行。' },
  'tools.error.unsupported': { en: 'This tool does not apply here.', 'zh-CN': '此工具不适用于当前网络。' },
  'tools.error.failed': { en: 'The tool failed.', 'zh-CN': '工具运行失败。' },
  'tools.unknown': { en: 'This version of the app does not know that tool.', 'zh-CN': '当前版本的应用不认识这个工具。' },
  'tools.testSet.tab': { en: 'Test set', 'zh-CN': '测试集' },
  'tools.testSet.what': {
    en: 'The numbers beside the chart are measured on a fixed sample of the test set while training runs. This measures the network on every test example, with the time one prediction takes.',
    'zh-CN': '训练时图表旁的数字只在测试集的一个固定样本上测量。这里在全部测试样本上评估网络，并给出单个样本的推理时间。',
  },
  'tools.testSet.run': { en: 'Measure on the whole test set', 'zh-CN': '在整个测试集上评估' },
  'tools.testSet.examples': { en: 'Examples', 'zh-CN': '样本数' },
  'tools.testSet.loss': { en: 'Loss', 'zh-CN': '损失' },
  'tools.testSet.accuracy': { en: 'Accuracy', 'zh-CN': '准确率' },
  'tools.testSet.time': { en: 'Time per example', 'zh-CN': '单样本推理时间' },
});
