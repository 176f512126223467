// The example strip: expressions from the lecture notes, each with its point.

export interface Example {
  readonly text: string;
  readonly at: Readonly<Record<string, number>>;
  readonly note: string;
}

export const EXAMPLES: readonly Example[] = [
  { text: 'ln x + x²y − sin xy', at: { x: 2, y: 5 }, note: 'the README example, at (2, 5)' },
  { text: 'ln x₁ + x₁x₂ − sin x₂', at: { x1: 2, x2: 5 }, note: 'the evaluation-trace example, at (x₁, x₂) = (2, 5)' },
  { text: 'σ(wx + b)', at: { x: 1, w: 0, b: 0 }, note: 'the sigmoid neuron at x = 1, w = 0, b = 0' },
  { text: '1/(exp(−(wx + b)) + 1)', at: { x: 1, w: 0, b: 0 }, note: 'the neuron as a chain of elementary steps' },
  { text: 'x² sin x', at: { x: 1 }, note: 'the product rule' },
  { text: 'xˣ', at: { x: 2 }, note: 'a variable exponent' },
  { text: 'tanh x', at: { x: 2 }, note: 'an activation' },
  { text: '16x(1 − x)(1 − 2x)²', at: { x: 0.3 }, note: 'the logistic map, three steps' },
  { text: 'relu(x) + |y|', at: { x: 0, y: 0 }, note: 'kinks at 0' },
  { text: 'max(min(x/4 + 1/2, 1), 0)', at: { x: 1 }, note: 'hard logistic' },
];
