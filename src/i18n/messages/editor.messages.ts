import { defineMessages } from '../define';

/** Strings of the graph editor (`editor.*`) and the layer family names (`family.*`). */
export const editor = defineMessages({
  'editor.tabs': { en: 'View', 'zh-CN': '视图' },
  'editor.tab.playground': { en: 'Playground', 'zh-CN': '游乐场' },
  'editor.tab.graph': { en: 'Graph editor', 'zh-CN': '图编辑器' },
  'editor.loading': { en: 'Loading the graph editor…', 'zh-CN': '正在加载图编辑器…' },

  'editor.palette.title': { en: 'Layers', 'zh-CN': '层' },
  'editor.palette.hint': {
    en: 'Drag a layer onto the canvas, or click it to add it after the selected layer.',
    'zh-CN': '把层拖到画布上，或点击它添加到所选层之后。',
  },
  'editor.palette.add': { en: 'Add {name}', 'zh-CN': '添加 {name}' },

  'family.core': { en: 'Core', 'zh-CN': '基础' },
  'family.reshape': { en: 'Reshape', 'zh-CN': '变形' },
  'family.convolution': { en: 'Convolution', 'zh-CN': '卷积' },
  'family.pooling': { en: 'Pooling', 'zh-CN': '池化' },
  'family.normalization': { en: 'Normalization', 'zh-CN': '归一化' },
  'family.recurrent': { en: 'Recurrent', 'zh-CN': '循环' },
  'family.attention': { en: 'Attention', 'zh-CN': '注意力' },
  'family.merge': { en: 'Merge', 'zh-CN': '合并' },

  'editor.canvas': { en: 'Network graph', 'zh-CN': '网络图' },
  'editor.empty': { en: 'Drag layers here from the palette to build a network.', 'zh-CN': '从左侧把层拖到这里来搭建网络。' },
  'editor.toolbar': { en: 'Graph tools', 'zh-CN': '图工具' },
  'editor.zoomIn': { en: 'Zoom in', 'zh-CN': '放大' },
  'editor.zoomOut': { en: 'Zoom out', 'zh-CN': '缩小' },
  'editor.fitView': { en: 'Fit to view', 'zh-CN': '适应视图' },
  'editor.tidy': { en: 'Tidy layout', 'zh-CN': '整理布局' },
  'editor.delete': { en: 'Delete selected', 'zh-CN': '删除所选' },
  'editor.duplicate': { en: 'Duplicate selected', 'zh-CN': '复制所选' },
  'editor.keys': {
    en: 'Delete removes, Ctrl+D duplicates, Ctrl+C / Ctrl+V copy and paste, Ctrl+Z undoes.',
    'zh-CN': 'Delete 删除，Ctrl+D 复制一份，Ctrl+C / Ctrl+V 复制粘贴，Ctrl+Z 撤销。',
  },
  'editor.copied': { en: 'Copied {n} layer(s).', 'zh-CN': '已复制 {n} 个层。' },
  'editor.refused': { en: 'Cannot connect: {reason}', 'zh-CN': '无法连接：{reason}' },

  'editor.connect.unknown': { en: 'that layer no longer exists.', 'zh-CN': '该层已不存在。' },
  'editor.connect.self': { en: 'a layer cannot feed itself.', 'zh-CN': '层不能连接到自身。' },
  'editor.connect.toInput': { en: '“{target}” is an input and takes no inputs.', 'zh-CN': '“{target}” 是输入层，不接受输入。' },
  'editor.connect.duplicate': { en: '“{source}” already feeds “{target}”.', 'zh-CN': '“{source}” 已经连接到 “{target}”。' },
  'editor.connect.cycle': {
    en: '“{source}” already depends on “{target}”, so this would make a loop.',
    'zh-CN': '“{source}” 已经依赖 “{target}”，这样连接会形成环。',
  },
  'editor.connect.full': { en: '“{target}” takes at most {max} input(s).', 'zh-CN': '“{target}” 最多接受 {max} 个输入。' },

  'editor.node.params': { en: '{n} params', 'zh-CN': '{n} 个参数' },
  'editor.node.shape': { en: 'Output shape', 'zh-CN': '输出形状' },
  'editor.node.error': { en: 'Error', 'zh-CN': '错误' },
  'editor.node.input': { en: 'Input {n}', 'zh-CN': '输入 {n}' },

  'editor.totals': { en: 'Network totals', 'zh-CN': '网络统计' },
  'editor.totals.layers': { en: 'Layers: {n}', 'zh-CN': '层数：{n}' },
  'editor.totals.params': { en: 'Parameters: {n}', 'zh-CN': '参数：{n}' },
  'editor.totals.macs': { en: 'Multiply-adds per example: ~{n}', 'zh-CN': '每个样本的乘加次数：约 {n}' },
  'editor.totals.memory': { en: 'Weight memory: {size}', 'zh-CN': '权重内存：{size}' },
  'editor.totals.errors': { en: 'Problems: {n}', 'zh-CN': '问题：{n}' },

  'editor.inspector': { en: 'Layer settings', 'zh-CN': '层设置' },
  'editor.inspector.empty': { en: 'Select a layer to edit its settings.', 'zh-CN': '选择一个层来编辑它的设置。' },
  'editor.inspector.many': { en: '{n} layers selected.', 'zh-CN': '已选择 {n} 个层。' },
  'editor.inspector.id': { en: 'Name', 'zh-CN': '名称' },
  'editor.inspector.nameHint': {
    en: 'Letters, digits, _ and -, starting with a letter. Connections follow a rename.',
    'zh-CN': '英文字母、数字、_ 和 -，以字母开头。改名后，连接会随之更新。',
  },
  'editor.inspector.type': { en: 'Type', 'zh-CN': '类型' },
  'editor.inspector.shape': { en: 'Output shape', 'zh-CN': '输出形状' },
  'editor.inspector.params': { en: 'Parameters', 'zh-CN': '参数量' },
  'editor.inspector.inputs': { en: 'Inputs', 'zh-CN': '输入' },
  'editor.inspector.none': { en: 'none', 'zh-CN': '无' },
  'editor.inspector.noParams': { en: 'This layer has no settings.', 'zh-CN': '这个层没有可设置的项。' },
  'editor.inspector.shapeHint': { en: 'Comma-separated sizes, e.g. 28,28,1', 'zh-CN': '用逗号分隔的尺寸，例如 28,28,1' },
  'editor.inspector.unknownType': { en: 'Unknown layer type.', 'zh-CN': '未知的层类型。' },
  'editor.inputs.title': { en: 'Inputs', 'zh-CN': '输入' },
  'editor.inputs.slot': { en: 'Input {n}', 'zh-CN': '第 {n} 个输入' },
  'editor.inputs.remove': { en: 'Disconnect {id}', 'zh-CN': '断开 {id}' },
  'editor.inputs.add': { en: 'Connect an input…', 'zh-CN': '连接一个输入…' },
});
