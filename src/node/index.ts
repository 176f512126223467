// difflab's Node-only edge, published as `difflab/node`: what reads or
// writes files. The main export stays pure so it runs in browsers and
// notebooks alike. Importing this module also installs the MNIST reader, so
// `mnistSplit()` and `runTrainTask({ task: 'mnist' })` work.

import { setMnistSource } from '../nn/data/mnist.ts';
import { readMnistDigits } from './mnist.ts';

setMnistSource(readMnistDigits);

export { readMnistDigits } from './mnist.ts';
export { mnistAll, mnistSplit, randomShift, shiftDigit, MNIST_SIZE } from '../nn/data/mnist.ts';
export { writeSvg, saveModelFile, loadModelFile } from './files.ts';
export { renderSvg, renderDot } from '../render/index.ts';
