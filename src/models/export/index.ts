export { exportPyTorch } from './pytorch';
export { PYTORCH_LAYERS } from './pytorchLayers';
export { exportKeras, KERAS_LAYERS } from './keras';
export { pythonNames } from './pythonNames';
export { kerasOptimizer, pytorchOptimizer } from './optimizerCode';
