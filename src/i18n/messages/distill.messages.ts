import { defineMessages } from '../define';

/** Knowledge distillation (issue 16): the tools panel's tab, its notices and the pinned-run legend. */
export const distill = defineMessages({
  'distill.tab': { en: 'Distillation', 'zh-CN': '知识蒸馏' },
  'distill.what': {
    en: 'Knowledge distillation: a large trained network (the teacher) teaches a small one (the student). The student learns from the labels and from the teacher’s probabilities softened by a temperature T, which say how alike the teacher finds the classes.',
    'zh-CN': '知识蒸馏：让训练好的大网络（教师）去教一个小网络（学生）。学生既从标签中学习，也从教师经温度 T 软化后的概率中学习——这些概率告诉学生，在教师看来各个类别彼此有多相似。',
  },
  'distill.imagesOnly': {
    en: 'Distillation works on the image lab’s classifiers: open a set of images first.',
    'zh-CN': '知识蒸馏用于图像实验室中的分类网络：请先打开一个图像数据集。',
  },
  'distill.teacher.h': { en: '1. The teacher', 'zh-CN': '1. 教师网络' },
  'distill.teacher.none': {
    en: 'Train a network here (the bigger, the better it teaches), then keep it as the teacher.',
    'zh-CN': '先在这里训练一个网络（越大越能教），再把它留作教师。',
  },
  'distill.teacher.capture': { en: 'Use this network as the teacher', 'zh-CN': '将当前网络用作教师' },
  'distill.teacher.replace': { en: 'Use this network as the teacher instead', 'zh-CN': '改用当前网络作为教师' },
  'distill.teacher.drop': { en: 'Forget the teacher', 'zh-CN': '移除教师' },
  'distill.teacher.info': { en: 'Teacher: {params} weights, trained {step} steps.', 'zh-CN': '教师：{params} 个权重，训练了 {step} 步。' },
  'distill.teacher.acc': { en: 'Test accuracy {acc} %.', 'zh-CN': '测试准确率 {acc}%。' },
  'distill.teacher.failed': {
    en: 'The engine sent no weights: build and train a network first.',
    'zh-CN': '引擎没有返回权重：请先构建并训练一个网络。',
  },
  'distill.student.h': { en: '2. The student', 'zh-CN': '2. 学生网络' },
  'distill.student.what': {
    en: 'A much smaller network for the same images: a multilayer perceptron with 16 hidden units (or build your own in the graph editor). Pin a run of it trained alone first, to compare.',
    'zh-CN': '同样的图像，换一个小得多的网络：只有 16 个隐藏单元的多层感知机（也可以在计算图编辑器里自己搭）。先固定一次它单独训练的运行，以便比较。',
  },
  'distill.student.use': { en: 'Switch to a small student', 'zh-CN': '换成小型学生网络' },
  'distill.settings.h': { en: '3. Train with the teacher', 'zh-CN': '3. 跟着教师训练' },
  'distill.enabled': { en: 'Distillation on', 'zh-CN': '开启知识蒸馏' },
  'distill.temperature': { en: 'Temperature T = {value}', 'zh-CN': '温度 T = {value}' },
  'distill.temperature.what': {
    en: 'The logits are divided by T before the softmax: the higher T, the more the small probabilities of the wrong classes show.',
    'zh-CN': '在 softmax 之前先把 logits 除以 T：T 越大，错误类别上那些很小的概率就越显现出来。',
  },
  'distill.alpha': { en: 'α (weight of the labels) = {value}', 'zh-CN': 'α（标签的权重）= {value}' },
  'distill.alpha.what': {
    en: 'Loss = α·CE(labels) + (1 − α)·T²·KL(teacher || student), both at T. α = 1 ignores the teacher.',
    'zh-CN': '损失 = α·CE(标签) + (1 − α)·T²·KL(教师 || 学生)，后者两边都取温度 T。α = 1 时完全不看教师。',
  },
  'distill.noTeacherOn': {
    en: 'Distillation is on, but this page has no teacher (a link does not carry one): the network trains on the labels alone until you choose a teacher.',
    'zh-CN': '知识蒸馏已开启，但本页面还没有教师（链接不会携带教师）：在选定教师之前，网络只用标签训练。',
  },
  'distill.misfit.task': {
    en: 'Distillation needs a classifier of images with one input: this network trains on the labels alone.',
    'zh-CN': '知识蒸馏需要单输入的图像分类网络：当前网络只用标签训练。',
  },
  'distill.misfit.input': {
    en: 'The teacher takes other inputs than these images: this network trains on the labels alone. Choose a teacher trained on the same images.',
    'zh-CN': '教师的输入与这些图像不一致：当前网络只用标签训练。请选择在相同图像上训练的教师。',
  },
  'distill.misfit.classes': {
    en: 'The teacher has a different number of classes than this data set: this network trains on the labels alone. Choose a teacher trained on the same classes.',
    'zh-CN': '教师的类别数与当前数据集不同：当前网络只用标签训练。请选择在相同类别上训练的教师。',
  },
  'distill.misfit.weights': {
    en: 'The teacher’s weights do not fit its network: choose the teacher again.',
    'zh-CN': '教师的权重与其网络结构不符：请重新选择教师。',
  },
  'distill.misfit.build': { en: 'The teacher’s network could not be built: choose the teacher again.', 'zh-CN': '无法构建教师网络：请重新选择教师。' },
  'distill.probe.label': { en: 'Probe image, true class: {label}', 'zh-CN': '探针图像，真实类别：{label}' },
  'distill.probe.drawing': { en: 'Your drawing (no label)', 'zh-CN': '你的手绘（无标签）' },
  'distill.col.class': { en: 'Class', 'zh-CN': '类别' },
  'distill.col.label': { en: 'Hard label', 'zh-CN': '硬标签' },
  'distill.col.teacherHard': { en: 'Teacher (T = 1)', 'zh-CN': '教师（T = 1）' },
  'distill.col.teacherSoft': { en: 'Teacher, soft (T = {T})', 'zh-CN': '教师软标签（T = {T}）' },
  'distill.col.studentSoft': { en: 'Student (T = {T})', 'zh-CN': '学生（T = {T}）' },
  'distill.compare': {
    en: 'To compare: train the student alone, pin the run, press Same start, turn distillation on and train again for as long; the chart overlays both runs.',
    'zh-CN': '比较方法：先让学生单独训练，固定这次运行，点“相同起点”，开启知识蒸馏后再训练同样多的步数；图表会把两次运行叠在一起。',
  },
  'pin.diff.distillOn': { en: 'distillation: off → on (T={T}, α={alpha})', 'zh-CN': '知识蒸馏：关 → 开（T={T}，α={alpha}）' },
  'pin.diff.distillOff': { en: 'distillation: on → off', 'zh-CN': '知识蒸馏：开 → 关' },
  'pin.diff.distillSettings': { en: 'distillation: T {fromT} → {toT}, α {fromAlpha} → {toAlpha}', 'zh-CN': '知识蒸馏：T {fromT} → {toT}，α {fromAlpha} → {toAlpha}' },
});
