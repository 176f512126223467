// Neural networks on the reverse-mode tape: layers, losses, optimizers,
// regularization, an independent layer-wise backprop, data sets, training,
// the parsed sigmoid neuron and the seeds' experiments.

export { Rng, toRng } from './rng.ts';
export { Param, countParams, gradNorm, clipGradNorm, type ParamLike } from './param.ts';
export { type Init, INIT_NAMES, initStd, fillInit, parseInit, initText } from './init.ts';
export { type Activation, type ActivationName, ACTIVATION_NAMES, activationOp, activationFns, parseActivation, activationText } from './activations.ts';
export {
  Module,
  Dense,
  Maxout,
  ActivationLayer,
  Dropout,
  Sequential,
  mlp,
  saveModel,
  loadModel,
  describe as describeNetwork,
  type MlpOptions,
  type LayerSpec,
  type ModelJson,
} from './layers.ts';
export {
  type LossName,
  type Target,
  LOSS_NAMES,
  lossAndGrad,
  bceWithLogits,
  softmaxCrossEntropy,
  hinge,
  signLabel,
  predictClass,
  parseLoss,
  recordLoss,
  recordMean,
  recordWeightedSum,
} from './losses.ts';
export {
  Optimizer,
  SGD,
  Momentum,
  Nesterov,
  AdaGrad,
  RMSProp,
  Adam,
  makeOptimizer,
  parseOptimizer,
  OPTIMIZER_NAMES,
  DEFAULT_LR,
  SEED_EPS,
  type OptimizerName,
  type OptimizerOptions,
} from './optim.ts';
export { type Regularizer, regularize, weightsOnly, parseRegularizer } from './regularize.ts';
export { backprop, backpropBatch, bpForward, bpActivation, bpLayersOf, BP_ACTIVATIONS, type BpActivation, type BpLayer, type BpForward, type BpResult } from './backprop.ts';
export { fit, evaluateModel, type FitOptions, type FitReport, type EpochReport } from './train.ts';
export { BlockTape, BlockTrainer, denseStages, type DenseStage } from './block.ts';
export {
  trainNeuron,
  explainGraph,
  neuronLoss,
  NEURON_MODEL_1D,
  NEURON_MODEL_2D,
  NEURON_SEED_GRAPH,
  NEURON_LOSSES,
  NEURON_DATA,
  type NeuronOptions,
  type NeuronResult,
  type ExplainResult,
  type ExplainRow,
} from './neuron.ts';
export { runTrainTask, parseTask, parseSchedule, scheduleFn, TASKS, TASK_DEFAULTS, SCHEDULES, type TaskName, type Schedule, type TrainTaskOptions, type TrainTaskResult } from './tasks.ts';
export * from './data/index.ts';
export { EXPERIMENTS, findExperiment, formatTable, type Experiment, type ExperimentOptions, type ExperimentResult, type Table } from './experiments/index.ts';
