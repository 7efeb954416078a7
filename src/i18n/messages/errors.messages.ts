import { defineMessages } from '../define';

/** Why something cannot work, in words a learner understands. */
export const errors = defineMessages({
  'err.id.empty': { en: 'A layer needs a name.', 'zh-CN': '层需要一个名称。' },
  'err.id.tooLong': { en: 'A layer name has at most {max} characters.', 'zh-CN': '层名称最多 {max} 个字符。' },
  'err.id.chars': {
    en: '“{id}” cannot name a layer: start with a letter, then use only letters, digits, _ and - (no spaces or other scripts; TensorFlow.js and the exported code need this).',
    'zh-CN': '“{id}”不能用作层名称：须以英文字母开头，其后只能用英文字母、数字、_ 和 -（不能有空格或中文等其他文字；TensorFlow.js 和导出的代码都要求如此）。',
  },
  'err.id.reserved': {
    en: '“{id}” is a name JavaScript reserves for every object; pick another.',
    'zh-CN': '“{id}”是 JavaScript 中每个对象都保留的名称，请换一个。',
  },
  'err.id.taken': { en: 'Another layer is already called “{id}”.', 'zh-CN': '已有另一个层叫“{id}”。' },
  'err.input.shape': { en: 'The input shape must be a list of positive whole numbers.', 'zh-CN': '输入形状必须是一组正整数。' },
  'err.dense.scalar': { en: 'Dense needs a vector input, but it got a single number.', 'zh-CN': '全连接层需要向量输入，但得到的是单个数。' },
  'err.dense.unknownLast': {
    en: 'Dense needs to know the size of the last dimension of its input ({shape}).',
    'zh-CN': '全连接层需要知道输入最后一维的大小（{shape}）。',
  },
  'err.param.number': { en: '“{param}” must be a number.', 'zh-CN': '“{param}”必须是数字。' },
  'err.param.integer': { en: '“{param}” must be a whole number.', 'zh-CN': '“{param}”必须是整数。' },
  'err.param.range': { en: '“{param}” must be between {min} and {max}.', 'zh-CN': '“{param}”必须在 {min} 到 {max} 之间。' },
  'err.param.option': { en: '“{param}” has a value that is not one of its choices.', 'zh-CN': '“{param}”的取值不在可选项中。' },
  'err.param.bool': { en: '“{param}” must be on or off.', 'zh-CN': '“{param}”必须是开或关。' },
  'err.param.shape': { en: '“{param}” must be a list of positive whole numbers.', 'zh-CN': '“{param}”必须是一组正整数。' },
  'err.graph.duplicateId': { en: 'Two layers share the name “{id}”.', 'zh-CN': '有两个层同名“{id}”。' },
  'err.graph.unknownType': { en: 'Unknown layer type “{type}”.', 'zh-CN': '未知的层类型“{type}”。' },
  'err.graph.missingInput': { en: 'This layer takes its input from “{input}”, which does not exist.', 'zh-CN': '该层的输入来自“{input}”，但它不存在。' },
  'err.graph.needsInput': { en: 'This layer needs an input: connect a layer to it.', 'zh-CN': '该层需要输入：请把一个层连接到它。' },
  'err.graph.needsInputs': { en: 'This layer needs at least {min} inputs.', 'zh-CN': '该层至少需要 {min} 个输入。' },
  'err.graph.noInputs': { en: 'An input layer cannot take inputs from other layers.', 'zh-CN': '输入层不能接收其他层的输入。' },
  'err.graph.tooManyInputs': { en: 'This layer takes at most {max} input(s).', 'zh-CN': '该层最多接收 {max} 个输入。' },
  'err.graph.cycle': {
    en: 'This layer is part of a loop: data would flow back into itself.',
    'zh-CN': '该层处在一个环路中：数据会流回它自己。',
  },
  'err.graph.noInput': { en: 'The network has no Input layer.', 'zh-CN': '网络没有输入层。' },
  'err.output.units': {
    en: 'The output layer has {units} neuron(s), but this dataset needs {want}.',
    'zh-CN': '输出层有 {units} 个神经元，但这个数据集需要 {want} 个。',
  },
  'err.fit.inputs': {
    en: 'This dataset feeds one Input layer, but the network has {count}.',
    'zh-CN': '这个数据集只提供一个输入层，但网络有 {count} 个。',
  },
  'err.fit.inputShape': {
    en: 'The Input layer takes {shape}, but this dataset gives {want} per example. Set the Input shape to {want}.',
    'zh-CN': '输入层接收 {shape}，但这个数据集的每个样本是 {want}。请把输入形状设为 {want}。',
  },
  'err.fit.sequenceData': {
    en: 'This network reads token sequences: pick a sequence dataset (reverse, number words, sentiment…) in the data panel.',
    'zh-CN': '这个网络读取词元序列：请在数据面板中选择一个序列数据集（反转、数字读法、情感……）。',
  },
  'err.fit.outputRank': {
    en: 'The network ends in {shape}, but it must end in {want} value(s) per example: add a Flatten or pooling before the last Dense layer.',
    'zh-CN': '网络的输出是 {shape}，但每个样本应输出 {want} 个值：请在最后的全连接层之前加入展平或汇聚层。',
  },
  'codec.noVersion': { en: 'it has no version number', 'zh-CN': '缺少版本号' },
  'codec.newerVersion': {
    en: 'it was made by a newer version of Gradient Garden (format {version})',
    'zh-CN': '它由更新版本的梯度花园创建（格式 {version}）',
  },
  'codec.unknownVersion': { en: 'its format version {version} is unknown', 'zh-CN': '未知的格式版本 {version}' },
  'codec.invalidField': { en: 'the field “{field}” is missing or invalid', 'zh-CN': '字段“{field}”缺失或无效' },
  'codec.notObject': { en: 'it does not describe an experiment', 'zh-CN': '它不是一个实验的描述' },
  'codec.duplicateId': { en: 'two layers share the name “{id}”', 'zh-CN': '有两个层同名“{id}”' },
  'codec.unknownLayer': { en: 'it uses an unknown layer type “{type}”', 'zh-CN': '它使用了未知的层类型“{type}”' },
  'codec.badParam': { en: 'layer “{id}” has an invalid “{param}”', 'zh-CN': '层“{id}”的“{param}”无效' },
  'codec.tooLarge': { en: 'it is too large', 'zh-CN': '内容过大' },
  'codec.notJson': { en: 'it is not valid JSON', 'zh-CN': '它不是有效的 JSON' },
  'codec.noState': { en: 'it carries no experiment', 'zh-CN': '其中没有实验数据' },
  'codec.corruptLink': { en: 'it is damaged or incomplete (was it cut off when copied?)', 'zh-CN': '它已损坏或不完整（复制时被截断了吗？）' },
  'engine.heavy': {
    en: 'This network is heavy for this device: about {seconds} s per training step, {minutes} min per epoch and {memory} GB of memory ({params} parameters). The page stays usable, but the views will update slowly. Train it anyway, or make it lighter: fewer filters or units, more pooling before the wide layers, or a smaller batch.',
    'zh-CN': '这个网络对本设备来说偏重：每个训练步约 {seconds} 秒，每轮（epoch）约 {minutes} 分钟，约需 {memory} GB 内存（{params} 个参数）。页面仍可使用，但各视图会更新得很慢。可以坚持训练，也可以减轻网络：减少卷积核或神经元个数、在宽层之前多做汇聚，或减小批量大小。',
  },
  'run.trainAnyway': { en: 'Train anyway', 'zh-CN': '仍然训练' },
  'run.stalled': {
    en: 'The engine has not answered for {seconds} s: one training step is taking far longer than estimated. Stop it to get the page back; your network and settings stay as they are.',
    'zh-CN': '训练引擎已经 {seconds} 秒没有响应：一个训练步的耗时远超估计。停止它即可恢复页面；你的网络和设置都会保留。',
  },
  'run.stop': { en: 'Stop the engine', 'zh-CN': '停止引擎' },
  'notice.engineRestarted': {
    en: 'The training engine was stopped and started afresh; your network is kept. Make it smaller before training again.',
    'zh-CN': '训练引擎已停止并重新启动，你的网络已保留。请先把网络改小，再重新训练。',
  },
  'engine.tooBig': {
    en: 'This network is too big to train here: about {memory} GB of memory and {seconds} s per training step ({params} parameters; the limits are {maxMemory} GB and {maxSeconds} s). Use fewer filters or units, a smaller kernel, more pooling before the wide layers, or a smaller batch.',
    'zh-CN': '这个网络太大，无法在这里训练：约需 {memory} GB 内存，每个训练步约 {seconds} 秒（{params} 个参数；上限为 {maxMemory} GB 和 {maxSeconds} 秒）。请减少卷积核或神经元个数、用更小的卷积核、在宽层之前多做汇聚，或减小批量大小。',
  },
  'engine.invalidGraph': {
    en: 'The network cannot be built yet: layer “{node}”: {cause}',
    'zh-CN': '网络暂时无法构建：层“{node}”：{cause}',
  },
  'engine.oneOutput': {
    en: 'The network must end in exactly one output layer (it has {count}).',
    'zh-CN': '网络必须恰好有一个输出层（现在有 {count} 个）。',
  },
  'engine.crashed': {
    en: 'The training engine hit an unexpected problem and stopped. Your work is safe; try Reset.',
    'zh-CN': '训练引擎遇到意外问题并停止了。你的工作不会丢失；试试“重置”。',
  },
  'engine.dataLoad': {
    en: 'The MNIST digits could not be loaded. Check the connection, then pick the dataset again or Reset. Your work is safe.',
    'zh-CN': '无法加载 MNIST 手写数字。请检查网络连接，然后重新选择数据集或点击“重置”。你的工作不会丢失。',
  },
  'notice.badLink': {
    en: 'This link could not be opened: {cause}. Your current work is unchanged.',
    'zh-CN': '无法打开这个链接：{cause}。你当前的工作没有改变。',
  },
  'notice.earlyStopped': {
    en: 'Early stopping at epoch {epoch}: the validation loss has not improved since epoch {best} ({loss}).',
    'zh-CN': '在第 {epoch} 轮提前停止：验证集损失自第 {best} 轮（{loss}）以来没有再下降。',
  },
  'notice.earlyStoppedRestored': {
    en: 'Early stopping at epoch {epoch}: the validation loss has not improved since epoch {best} ({loss}), so the weights of epoch {best} are back.',
    'zh-CN': '在第 {epoch} 轮提前停止：验证集损失自第 {best} 轮（{loss}）以来没有再下降，已恢复第 {best} 轮的权重。',
  },
  'notice.weightsLoaded': {
    en: 'Opened with its trained weights: the network continues from step {step}.',
    'zh-CN': '已连同训练好的权重一起打开：网络从第 {step} 步继续。',
  },
  'notice.weightsMismatch': {
    en: "The file's weights do not fit this network (their shapes differ), so it starts from fresh weights.",
    'zh-CN': '文件中的权重与这个网络的形状不符，因此网络从新的初始权重开始。',
  },
  'notice.weightsBad': {
    en: "The file's weights are damaged and were left out; the network opens with fresh weights.",
    'zh-CN': '文件中的权重已损坏，未被载入；网络以新的初始权重打开。',
  },
  'notice.badFile': {
    en: 'This file could not be opened: {cause}. Your current work is unchanged.',
    'zh-CN': '无法打开这个文件：{cause}。你当前的工作没有改变。',
  },
  'notice.templateData': {
    en: '{template} trains on {data}, so the data is now “{dataset}”. Undo brings back your network and data.',
    'zh-CN': '{template} 需要{data}作为训练数据，因此数据已切换为“{dataset}”。撤销可恢复你原来的网络和数据。',
  },
  'notice.renamed': {
    en: 'Some layer names could not be used and were renamed: {list}.',
    'zh-CN': '部分层名称无法使用，已重新命名：{list}。',
  },
  'notice.workerFailed': {
    en: 'Training could not start in the background; it now runs on the page itself.',
    'zh-CN': '无法在后台启动训练；现在改为在页面中运行。',
  },
  'notice.linkCopied': { en: 'Link copied to the clipboard.', 'zh-CN': '链接已复制到剪贴板。' },
  'notice.dismiss': { en: 'Dismiss', 'zh-CN': '关闭' },
  'notice.saveFailed.quota': {
    en: 'Your work is not being saved: this browser’s storage for Gradient Garden is full. Save it as a file to keep it. Saving here starts again by itself once there is room.',
    'zh-CN': '你的工作没有被保存：浏览器留给梯度花园的存储空间已满。请把它另存为文件，以免丢失。等有了空间，这里会自动恢复保存。',
  },
  'notice.saveFailed.blocked': {
    en: 'Your work is not being saved: this browser does not let Gradient Garden store anything (a private window, or a school’s settings?). Save it as a file to keep it.',
    'zh-CN': '你的工作没有被保存：这个浏览器不允许梯度花园存储任何内容（也许是无痕窗口，或学校的设置）。请把它另存为文件，以免丢失。',
  },
  'notice.saveAsFile': { en: 'Save as a file', 'zh-CN': '另存为文件' },
  'notice.otherTab': {
    en: 'This work is also open in another tab, and that tab saves it now. This tab has stopped saving, so the two do not overwrite each other.',
    'zh-CN': '这份工作也在另一个标签页中打开了，现在由那个标签页负责保存。这个标签页已停止自动保存，免得两边互相覆盖。',
  },
  'notice.otherTabClosed': {
    en: 'The other tab with this work was closed; what it saved is kept. This tab is still not saving: choose which version to keep.',
    'zh-CN': '另一个打开这份工作的标签页已经关闭，它保存的内容都还在。这个标签页仍未自动保存：请选择要保留哪个版本。',
  },
  'notice.otherTabSaved': {
    en: 'Another tab saved different work since this tab last saved. This tab has stopped saving, so it does not overwrite that.',
    'zh-CN': '在这个标签页上次保存之后，另一个标签页保存了不同的内容。这个标签页已停止自动保存，免得覆盖它。',
  },
  'notice.keepThis': { en: 'Save this tab’s version', 'zh-CN': '保存这个标签页的版本' },
  'notice.loadOther': { en: 'Load the other tab’s version', 'zh-CN': '载入另一个标签页的版本' },
  'notice.tookOver': {
    en: 'This work is also open in another tab. This tab saves it now; the other one has stopped saving.',
    'zh-CN': '这份工作也在另一个标签页中打开着。现在由这个标签页负责保存，另一个已停止自动保存。',
  },
  'run.diverged': {
    en: 'Training diverged at epoch {epoch}: the loss became infinite or not a number, so training paused. The learning rate is probably too high — lower it (or pick another optimizer), then press Reset.',
    'zh-CN': '训练在第 {epoch} 轮发散：损失变成了无穷大或非数值，训练已暂停。学习率可能太高——请调低它（或换一个优化器），然后点“重置”。',
  },
});
