import type { Lesson } from '../format';

/** Lesson 1: a tour of the playground on the circle, from the data to one neuron's map. */
export const INTRO_LESSONS: Lesson[] = [
  {
    format: 1,
    id: 'playground-tour',
    section: 'intro',
    order: 1,
    title: { en: 'A tour of the playground', 'zh-CN': '游乐场导览' },
    summary: {
      en: 'Train your first neural network on two circles of points and watch it learn.',
      'zh-CN': '在两圈点上训练你的第一个神经网络，看它如何一步步学会。',
    },
    minutes: 8,
    steps: [
      {
        load: { from: 'default' },
        tab: 'playground',
        target: 'dataset',
        text: {
          en: 'Each dot is one example: two numbers, its coordinates $x_1$ and $x_2$, and a colour, its **label**. Here the blue dots sit inside a circle and the orange ones around it.\n\nHalf the dots form the **training set**, the examples the network learns from. The other half, the **test set**, is kept apart to check that what it learned also holds for examples it has never seen.',
          'zh-CN': '每个点是一个样本：两个数，即它的坐标 $x_1$ 和 $x_2$，再加一个颜色，即它的**标签**。这里蓝点在圆内，橙点围在圆外。\n\n一半的点组成**训练集**，网络从中学习；另一半是**测试集**，单独留出来，用来检验网络学到的东西对从没见过的样本是否也成立。',
        },
        task: { en: 'Show the test data on the output plot.', 'zh-CN': '在输出图上显示测试数据。' },
        hints: [
          { en: 'Under the big plot in the Output column there is a "Show test data" box.', 'zh-CN': '“输出”栏大图的下方有一个“显示测试数据”复选框。' },
        ],
        showMe: [{ view: { showTestData: true } }],
      },
      {
        target: 'network',
        text: {
          en: 'This is the **neural network**. On the left its inputs, the features $x_1$ and $x_2$; then two **hidden layers** of 4 and 2 **neurons**; on the right the output, one number whose sign says blue or orange.\n\nEach neuron computes a weighted sum of what comes in, adds a bias and passes it through an **activation function**, here $\\tanh$:\n\n$$h = \\tanh(w_1 x_1 + w_2 x_2 + b)$$\n\nThe lines are the weights: blue positive, orange negative, thicker means larger.',
          'zh-CN': '这就是**神经网络**。左边是输入，即特征 $x_1$ 和 $x_2$；中间是两个**隐藏层**，分别有 4 个和 2 个**神经元**；右边是输出，一个数，它的正负决定蓝还是橙。\n\n每个神经元对输入做加权求和，加上偏置，再送进**激活函数**，这里是 $\\tanh$：\n\n$$h = \\tanh(w_1 x_1 + w_2 x_2 + b)$$\n\n连线就是权重：蓝色为正，橙色为负，越粗绝对值越大。',
        },
      },
      {
        target: 'play',
        text: {
          en: 'Training repeats one small move many times: take a **batch** of training examples, measure how wrong the network is on them (the **loss**), and nudge every weight a little in the direction that makes the loss smaller. One pass over the whole training set is an **epoch**.',
          'zh-CN': '训练就是把一个小动作重复很多次：取一**批量**训练样本，衡量网络在它们上错得有多离谱（即**损失**），再把每个权重朝让损失变小的方向挪一点点。把整个训练集过一遍叫一个**迭代周期**（epoch）。',
        },
        task: { en: 'Press Play and let it train for 20 epochs.', 'zh-CN': '按下“运行”，让它训练 20 个迭代周期。' },
        check: 'epoch >= 20',
        hints: [
          { en: 'The Play button is the round one at the start of the training bar; the space bar works too.', 'zh-CN': '“运行”是训练栏最左边的圆形按钮，也可以按空格键。' },
        ],
        showMe: [{ run: 'play' }],
      },
      {
        target: 'loss-chart',
        text: {
          en: 'The chart shows the loss after each epoch: the **training loss** on the examples the network learns from, the **test loss** on the held-out ones. Both should fall.\n\nMeanwhile, watch the big plot under Output: its background is the network\'s answer at every point of the plane. A *decision boundary* between blue and orange forms, and it bends into a ring.',
          'zh-CN': '这张图显示每个迭代周期后的损失：**训练损失**是在网络学习的样本上算的，**测试损失**是在留出的样本上算的。两者都应该下降。\n\n同时看“输出”栏里的大图：背景是网络在平面上每一点给出的答案。蓝橙之间逐渐形成一条*决策边界*，并弯成一个圆环。',
        },
        task: { en: 'Keep training until the test loss is below 0.1.', 'zh-CN': '继续训练，直到测试损失低于 0.1。' },
        check: 'testLoss < 0.1',
        hints: [
          { en: 'If training is paused, press Play again. It can take a few hundred epochs.', 'zh-CN': '如果训练暂停了，再按一次“运行”。可能需要几百个迭代周期。' },
          { en: 'A larger learning rate (0.1) gets there faster on this data.', 'zh-CN': '在这份数据上，把学习率调大到 0.1 会更快。' },
        ],
        showMe: [{ change: { type: 'training', patch: { learningRate: 0.1 } } }, { run: 'play' }],
      },
      {
        target: 'metrics',
        text: {
          en: 'The loss is what the network minimises; the **accuracy** is what we care about: the share of examples it puts on the right side. The **test accuracy** is the honest number, measured on examples the network never trained on.',
          'zh-CN': '损失是网络要最小化的量；我们真正关心的是**准确率**：被分到正确一侧的样本所占的比例。**测试准确率**才是诚实的数字，因为它是在网络从未训练过的样本上测出来的。',
        },
        task: { en: 'Reach a test accuracy of at least 90 %.', 'zh-CN': '让测试准确率达到 90% 以上。' },
        check: 'testAcc >= 0.9',
        hints: [{ en: 'Keep training: the accuracy follows the loss.', 'zh-CN': '继续训练：损失降下来，准确率就会跟上。' }],
        showMe: [{ run: 'play' }],
      },
      {
        target: 'neuron',
        text: {
          en: 'Each small square in the diagram is one neuron\'s own map: what that neuron outputs at every point of the plane. The first layer can only draw straight edges, one line each; the next layer combines them, and the output bends them into the ring.\n\nPoint at a neuron to see its map on the big plot. Then give the first hidden layer more neurons and watch the ring get rounder.',
          'zh-CN': '图中每个小方块是一个神经元自己的图：它在平面上每一点的输出。第一层的每个神经元只能画一条直线边界；下一层把这些直线组合起来，最后输出把它们弯成圆环。\n\n把鼠标移到一个神经元上，大图就会显示它的图。然后给第一个隐藏层多加几个神经元，看圆环变得更圆。',
        },
        task: { en: 'Give the first hidden layer 6 neurons.', 'zh-CN': '让第一个隐藏层有 6 个神经元。' },
        check: 'neurons >= 8',
        hints: [
          { en: 'The + above a layer\'s column adds a neuron to it.', 'zh-CN': '每层上方的“+”按钮可以给该层加一个神经元。' },
        ],
        showMe: [{ change: { type: 'setUnits', index: 0, units: 6 } }, { run: 'play' }],
      },
    ],
  },
];
