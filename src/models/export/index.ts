export { exportPyTorch, PYTORCH_LAYERS } from './pytorch';
export { exportKeras, KERAS_LAYERS } from './keras';
export { pythonNames } from './pythonNames';
