// Export to the engines that scale: PyTorch source and ONNX models.

export { exportOnnx, exportOnnxReport, exportOnnxModel, exportOnnxModelReport, readOnnxModel, ONNX_IR_VERSION, ONNX_OPSET, type OnnxExport } from './onnx.ts';
export { identifiers, commentText, type NameMapping, type ExprExportOptions } from './names.ts';
export { exportPyTorch, exportPyTorchReport, exportPyTorchModel, pyFloat, type ModelExportOptions, type PyTorchExport } from './pytorch.ts';
