import { defineMessages } from '../define';

/** Strings of the learner's own data: tables (CSV) and points placed by hand. */
export const ownData = defineMessages({
  'ds.table': { en: 'Your table (CSV)', 'zh-CN': '你的表格（CSV）' },
  'ds.hand': { en: 'Points by hand', 'zh-CN': '手动放置的点' },
  'own.title': { en: 'Your own data', 'zh-CN': '你自己的数据' },
  'own.private': {
    en: 'Everything stays on this device: nothing is uploaded.',
    'zh-CN': '所有数据都留在本机，不会上传到任何地方。',
  },
  'own.open': { en: 'Open a CSV file…', 'zh-CN': '打开 CSV 文件…' },
  'own.drop': { en: 'or drop a CSV file here', 'zh-CN': '或将 CSV 文件拖放到这里' },
  'own.example': { en: 'Example: {name}', 'zh-CN': '示例：{name}' },
  'own.example.flowers': { en: 'three classes, four features', 'zh-CN': '三个类别，四个特征' },
  'own.example.tea': { en: 'tea shop (a category, Chinese headers)', 'zh-CN': '茶馆（含类别列与中文表头）' },
  'own.handButton': { en: 'Place points by hand', 'zh-CN': '手动放置数据点' },
  'own.loading': { en: 'Reading {name}…', 'zh-CN': '正在读取 {name}…' },
  'own.opened': { en: 'Opened {name}: {rows} rows, {columns} columns.', 'zh-CN': '已打开 {name}：{rows} 行，{columns} 列。' },
  'own.rejected': { en: 'Could not use {name}: {cause} Your current work is unchanged.', 'zh-CN': '无法使用 {name}：{cause}当前的工作保持不变。' },
  'own.table.missing': {
    en: 'This experiment trains on the table “{name}”, which is not on this device. Open {name} (Your own data → Open a CSV file) to train; the rest of the experiment is here.',
    'zh-CN': '此实验使用表格“{name}”训练，但本机上没有它。请打开 {name}（你自己的数据 → 打开 CSV 文件）后再训练；实验的其余部分都已载入。',
  },
  'own.table.other': {
    en: 'The open table is not “{name}” that this experiment was made with (its contents differ). Open {name} again to train on it.',
    'zh-CN': '当前打开的表格不是此实验所用的“{name}”（内容不同）。请重新打开 {name} 再训练。',
  },
  'own.hand.few': {
    en: 'Place at least one point of each class on the plane to train.',
    'zh-CN': '请在平面上为每个类别至少放置一个点，然后再训练。',
  },
  // The table panel
  'own.summary': { en: '{name}: {rows} rows, {columns} columns', 'zh-CN': '{name}：{rows} 行，{columns} 列' },
  'own.preview': { en: 'First rows', 'zh-CN': '前几行' },
  'own.col.number': { en: 'number', 'zh-CN': '数值' },
  'own.col.category': { en: '{n} categories', 'zh-CN': '{n} 个类别' },
  'own.col.text': { en: 'text, not used ({n} values)', 'zh-CN': '文本，不使用（{n} 个不同值）' },
  'own.label': { en: 'Label column', 'zh-CN': '标签列' },
  'own.task': { en: 'Task', 'zh-CN': '任务' },
  'own.task.classify': { en: 'Classification', 'zh-CN': '分类' },
  'own.task.regress': { en: 'Regression', 'zh-CN': '回归' },
  'own.classes': { en: 'Classes: {list}', 'zh-CN': '类别：{list}' },
  'own.inputs': {
    en: '{n} inputs after encoding: categories one-hot, numbers standardised with the training split’s mean and spread.',
    'zh-CN': '编码后共 {n} 个输入：类别列做独热编码，数值列用训练集的均值和标准差做标准化。',
  },
  'own.skipped': {
    en: '{n} rows skipped for a missing value (lines {lines}).',
    'zh-CN': '有 {n} 行因缺失值被跳过（第 {lines} 行）。',
  },
  'own.axes': { en: 'Decision boundary over', 'zh-CN': '决策边界所用的两个特征' },
  'own.axisX': { en: 'Horizontal', 'zh-CN': '横轴' },
  'own.axisY': { en: 'Vertical', 'zh-CN': '纵轴' },
  'own.axesHint': {
    en: 'The other inputs are held at their training means: 0 for a standardised number, a category’s share of the rows for its one-hot input. The plane spans ±3 standard deviations.',
    'zh-CN': '其余输入固定在训练集上的均值：标准化后的数值为 0，独热编码的输入取该类别在各行中所占的比例。平面范围为 ±3 个标准差。',
  },
  'own.noTable': { en: 'No table is open on this device.', 'zh-CN': '本机上没有打开的表格。' },
  'own.featuresOff': {
    en: 'Your table’s columns are the inputs; the 2-D features (x₁², sin x₁ …) apply to points in the plane only.',
    'zh-CN': '表格的各列就是输入；二维特征（x₁²、sin x₁ 等）只适用于平面上的点。',
  },
  // Points by hand
  'own.hand.title': { en: 'Points by hand', 'zh-CN': '手动放置数据点' },
  'own.hand.hint': {
    en: 'Click the plane to add a point of the chosen class, drag a point to move it, right-click (or Erase) to remove it. The network retrains as you go.',
    'zh-CN': '单击平面添加所选类别的点，拖动点可移动它，右键单击（或使用“擦除”）可删除它。网络会随之重新训练。',
  },
  'own.hand.class': { en: 'Class {n}', 'zh-CN': '类别 {n}' },
  'own.hand.erase': { en: 'Erase', 'zh-CN': '擦除' },
  'own.hand.clear': { en: 'Clear all', 'zh-CN': '全部清除' },
  'own.hand.count': { en: '{n} of {max} points', 'zh-CN': '{n} / {max} 个点' },
  'own.hand.full': { en: 'At most {max} points, so that a link can carry them.', 'zh-CN': '最多 {max} 个点，这样链接才能携带它们。' },
  'own.hand.trainAll': {
    en: 'Every point trains; the test numbers are measured on the same points.',
    'zh-CN': '所有点都用于训练；测试指标也在这些点上计算。',
  },
  // Errors
  'table.err.empty': { en: 'The file is empty.', 'zh-CN': '文件是空的。' },
  'table.err.notCsv': {
    en: 'This does not look like a CSV file: expected text with a header row and columns separated by , ; or tabs.',
    'zh-CN': '这似乎不是 CSV 文件：应为带表头行、以逗号、分号或制表符分隔各列的文本。',
  },
  'table.err.noRows': { en: 'The file has a header but no data rows.', 'zh-CN': '文件只有表头，没有数据行。' },
  'table.err.tooBig': {
    en: 'The file is {size} MB; tables up to {limit} MB can be opened.',
    'zh-CN': '文件大小为 {size} MB，最多只能打开 {limit} MB 的表格。',
  },
  'table.err.rows': { en: 'The table has {n} rows; at most {limit} can be used.', 'zh-CN': '表格有 {n} 行，最多只能使用 {limit} 行。' },
  'table.err.columns': { en: 'The table has {n} columns; at most {limit} can be used.', 'zh-CN': '表格有 {n} 列，最多只能使用 {limit} 列。' },
  'table.err.ragged': {
    en: 'Line {row} has {got} values, but the header has {want} columns.',
    'zh-CN': '第 {row} 行有 {got} 个值，但表头有 {want} 列。',
  },
  'table.err.quotes': { en: 'A quoted value on line {row} is never closed.', 'zh-CN': '第 {row} 行有一个引号没有闭合。' },
  'table.err.notNumber': {
    en: 'Column “{column}” holds numbers, but line {row} has “{value}”. Fix or empty that cell.',
    'zh-CN': '“{column}”列是数值列，但第 {row} 行的值是“{value}”。请修正或清空该单元格。',
  },
  'table.err.noUsable': {
    en: 'Every column is free text (names or ids); there is nothing to learn from.',
    'zh-CN': '所有列都是自由文本（名称或编号），没有可学习的内容。',
  },
  'table.err.noLabel': { en: 'Choose a label column.', 'zh-CN': '请选择标签列。' },
  'table.err.labelText': {
    en: 'Column “{column}” has {n} different values, more than the {limit} classes a label may have.',
    'zh-CN': '“{column}”列有 {n} 个不同的值，超过了标签最多允许的 {limit} 个类别。',
  },
  'table.err.regressCategory': {
    en: 'Column “{column}” holds categories; regression needs a numeric label.',
    'zh-CN': '“{column}”列是类别；回归需要数值型标签。',
  },
  'table.err.labelNumeric': {
    en: 'Column “{column}” has fractions or more than {limit} values: choose regression, or another label.',
    'zh-CN': '“{column}”列含有小数或超过 {limit} 个不同值：请选择回归，或换一个标签列。',
  },
  'table.err.oneClass': {
    en: 'The label column “{column}” has one class only (“{value}”): a classifier needs at least two.',
    'zh-CN': '标签列“{column}”只有一个类别（“{value}”）：分类至少需要两个类别。',
  },
  'table.err.fewRows': { en: 'Only {n} rows have every value present; at least 2 are needed.', 'zh-CN': '只有 {n} 行数据完整，至少需要 2 行。' },
  'table.err.noInputs': { en: 'No column is left as an input besides the label.', 'zh-CN': '除标签列外，没有可用作输入的列。' },
  'table.err.width': {
    en: 'One-hot encoding gives {n} inputs; at most {limit} are allowed. Remove columns with many categories.',
    'zh-CN': '独热编码后有 {n} 个输入，最多允许 {limit} 个。请删去类别很多的列。',
  },
  'table.err.read': { en: 'The file could not be read: {detail}', 'zh-CN': '无法读取文件：{detail}' },
});
