// The whole state of the page as one typed object, kept in the URL's hash so
// that a link reproduces the view. Only values that differ from the defaults
// are written; anything unreadable in a link falls back to its default.

export const VIEWS = ['derive', 'compare', 'graph', 'plot', 'train'] as const;
export type View = (typeof VIEWS)[number];

export const MODES = ['d', 'grad', 'hessian', 'laplacian'] as const;
export type Mode = (typeof MODES)[number];

export const TRAIN_TASKS = ['and', 'or', 'nand', 'nor', 'xor', 'xnor', 'moons', 'circles', 'spirals', 'custom'] as const;
export type TrainTask = (typeof TRAIN_TASKS)[number];

export const ACTIVATIONS = ['tanh', 'relu', 'sigmoid', 'leakyrelu', 'gelu', 'softplus'] as const;
export const LOSSES = ['bce', 'hinge', 'mse', 'softmax-ce'] as const;
export const OPTIMIZERS = ['sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam'] as const;
export const FAMILIES = ['logistic', 'sin', 'product', 'sigmoid'] as const;
export const NEURON_SETS = ['and', 'or', 'nand', 'nor', 'threshold'] as const;

export interface State {
  view: View;
  /** The expression, in textbook notation. */
  expr: string;
  /** Declared multi-letter variable names. */
  vars: readonly string[];
  mode: Mode;
  /** Variable of d/dx ('' = the first free variable). */
  wrt: string;
  order: number;
  /** The point, by canonical variable name. */
  at: Readonly<Record<string, number>>;
  /** The user's own derivative, for "check my answer". */
  answer: string;
  traceMode: 'forward' | 'reverse';
  /** Input whose sum over paths is listed ('' = the first). */
  pathsWrt: string;
  lo: number;
  hi: number;
  family: (typeof FAMILIES)[number];
  familyN: number;
  task: TrainTask;
  hidden: readonly number[];
  act: (typeof ACTIVATIONS)[number];
  loss: (typeof LOSSES)[number];
  opt: (typeof OPTIMIZERS)[number];
  lr: number;
  seed: number;
  /** Points clicked in for the custom task: x1, x2, class (0 or 1). */
  points: readonly (readonly [number, number, number])[];
  neuronData: (typeof NEURON_SETS)[number];
}

export const DEFAULT_STATE: State = {
  view: 'derive',
  expr: 'ln x + x²y − sin xy',
  vars: [],
  mode: 'd',
  wrt: '',
  order: 1,
  at: { x: 2, y: 5 },
  answer: '',
  traceMode: 'reverse',
  pathsWrt: '',
  lo: -4,
  hi: 4,
  family: 'logistic',
  familyN: 8,
  task: 'xor',
  hidden: [4],
  act: 'tanh',
  loss: 'bce',
  opt: 'adam',
  lr: 0.05,
  seed: 0,
  points: [],
  neuronData: 'and',
};

/** Settings that train each task well (the library's task defaults, with the gates and circles added). */
export function taskDefaults(task: TrainTask): Pick<State, 'hidden' | 'act' | 'loss' | 'opt' | 'lr'> {
  switch (task) {
    case 'moons':
    case 'circles':
      return { hidden: [16, 16], act: 'relu', loss: 'hinge', opt: 'sgd', lr: 0.5 };
    case 'spirals':
      return { hidden: [32, 32], act: 'relu', loss: 'softmax-ce', opt: 'adam', lr: 0.01 };
    case 'custom':
      return { hidden: [8, 8], act: 'tanh', loss: 'bce', opt: 'adam', lr: 0.05 };
    default:
      return { hidden: [4], act: 'tanh', loss: 'bce', opt: 'adam', lr: 0.05 };
  }
}

const oneOf = <T extends string>(list: readonly T[], v: string | null, d: T): T => (v !== null && (list as readonly string[]).includes(v) ? (v as T) : d);

function num(v: string | null, d: number, ok: (x: number) => boolean = Number.isFinite): number {
  if (v === null || v.trim() === '') return d;
  const x = Number(v);
  return ok(x) ? x : d;
}

const NAME = /^[\p{L}_][\p{L}\p{N}_]*$/u;

/** `x:2,y:5` → { x: 2, y: 5 }; entries that are not name:number are dropped. */
export function parsePoint(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of text.split(',')) {
    const i = part.lastIndexOf(':');
    if (i <= 0) continue;
    const name = part.slice(0, i).trim();
    const v = part.slice(i + 1).trim();
    const x = Number(v);
    if (NAME.test(name) && v !== '' && Number.isFinite(x)) out[name] = x;
  }
  return out;
}

export function formatPoint(at: Readonly<Record<string, number>>): string {
  return Object.entries(at)
    .map(([k, v]) => `${k}:${v}`)
    .join(',');
}

function parsePoints(text: string): [number, number, number][] {
  const out: [number, number, number][] = [];
  for (const p of text.split(';')) {
    const [a, b, c] = p.split(',').map(Number);
    if (Number.isFinite(a) && Number.isFinite(b) && (c === 0 || c === 1)) out.push([a!, b!, c]);
  }
  return out.slice(0, 500);
}

const round = (v: number): number => Math.round(v * 1e4) / 1e4;

/** The state as a URL hash (without '#'): only what differs from the defaults. */
export function encodeState(s: State): string {
  const d = DEFAULT_STATE;
  const p = new URLSearchParams();
  const put = (k: string, v: string, dv: string): void => {
    if (v !== dv) p.set(k, v);
  };
  put('view', s.view, d.view);
  put('e', s.expr, d.expr);
  put('vars', s.vars.join(','), d.vars.join(','));
  put('mode', s.mode, d.mode);
  put('wrt', s.wrt, d.wrt);
  put('n', String(s.order), String(d.order));
  put('at', formatPoint(s.at), formatPoint(d.at));
  put('ans', s.answer, d.answer);
  put('trace', s.traceMode, d.traceMode);
  put('paths', s.pathsWrt, d.pathsWrt);
  put('lo', String(s.lo), String(d.lo));
  put('hi', String(s.hi), String(d.hi));
  put('fam', s.family, d.family);
  put('famn', String(s.familyN), String(d.familyN));
  put('task', s.task, d.task);
  const td = taskDefaults(s.task);
  put('hidden', s.hidden.join('-'), td.hidden.join('-'));
  put('act', s.act, td.act);
  put('loss', s.loss, td.loss);
  put('opt', s.opt, td.opt);
  put('lr', String(s.lr), String(td.lr));
  put('seed', String(s.seed), String(d.seed));
  put('pts', s.points.map((q) => `${round(q[0])},${round(q[1])},${q[2]}`).join(';'), '');
  put('neuron', s.neuronData, d.neuronData);
  return p.toString();
}

/** Reads a hash (with or without '#'); every field that is missing or unreadable takes its default. */
export function decodeState(hash: string): State {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const d = DEFAULT_STATE;
  const task = oneOf(TRAIN_TASKS, p.get('task'), d.task);
  const td = taskDefaults(task);
  const hiddenText = p.get('hidden');
  const hidden = hiddenText === null ? td.hidden : parseHidden(hiddenText) ?? td.hidden;
  const varsText = p.get('vars');
  return {
    view: oneOf(VIEWS, p.get('view'), d.view),
    expr: p.get('e') ?? d.expr,
    vars: varsText === null ? d.vars : varsText.split(',').map((v) => v.trim()).filter((v) => NAME.test(v)),
    mode: oneOf(MODES, p.get('mode'), d.mode),
    wrt: p.get('wrt') ?? d.wrt,
    order: num(p.get('n'), d.order, (x) => Number.isInteger(x) && x >= 1 && x <= 8),
    at: p.has('at') ? parsePoint(p.get('at')!) : d.at,
    answer: p.get('ans') ?? d.answer,
    traceMode: oneOf(['forward', 'reverse'] as const, p.get('trace'), d.traceMode),
    pathsWrt: p.get('paths') ?? d.pathsWrt,
    lo: num(p.get('lo'), d.lo),
    hi: num(p.get('hi'), d.hi),
    family: oneOf(FAMILIES, p.get('fam'), d.family),
    familyN: num(p.get('famn'), d.familyN, (x) => Number.isInteger(x) && x >= 1 && x <= 40),
    task,
    hidden,
    act: oneOf(ACTIVATIONS, p.get('act'), td.act),
    loss: oneOf(LOSSES, p.get('loss'), td.loss),
    opt: oneOf(OPTIMIZERS, p.get('opt'), td.opt),
    lr: num(p.get('lr'), td.lr, (x) => Number.isFinite(x) && x > 0 && x <= 100),
    seed: num(p.get('seed'), d.seed, (x) => Number.isInteger(x) && x >= 0),
    points: parsePoints(p.get('pts') ?? ''),
    neuronData: oneOf(NEURON_SETS, p.get('neuron'), d.neuronData),
  };
}

/** `4-4` or `4,4` or `4 4` → [4, 4]; null unless every layer is a whole number from 1 to 128 (at most 4 layers). */
export function parseHidden(text: string): number[] | null {
  const t = text.trim();
  if (t === '') return [];
  const parts = t.split(/[\s,\-x×]+/).filter((s) => s !== '');
  const sizes = parts.map(Number);
  if (sizes.length > 4 || !sizes.every((n) => Number.isInteger(n) && n >= 1 && n <= 128)) return null;
  return sizes;
}
