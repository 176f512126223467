// Data sets: the seeds' truth tables, toy generators, Iris and MNIST.
export { type Dataset, type Split, makeDataset, subset, inputSize, plotBounds, featureStats, standardize, batches } from './dataset.ts';
export { gate, xor, threshold, moons, spirals, circles, GATE_NAMES, type GateName } from './toy.ts';
export { iris, irisSplit, IRIS_FEATURES } from './iris.ts';
export { mnistAll, mnistSplit, setMnistSource, shiftDigit, randomShift, MNIST_SIZE, type MnistDigits } from './mnist.ts';
