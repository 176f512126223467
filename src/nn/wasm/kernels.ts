// Loads the block tape's WebAssembly kernels (kernels.wat, assembled into
// kernels.generated.ts by scripts/build-wasm.mjs). The module is compiled once,
// synchronously (browsers allow that in a worker, where the web workbench
// trains; on a page's main thread a refusal means the JavaScript kernels),
// and instantiated once per trainer, on a memory of the trainer's size.
// Where WebAssembly or its 128-bit SIMD is missing, `wasmKernels` gives
// undefined and training takes the JavaScript kernels of block.ts.

import { KERNELS_WASM } from './kernels.generated.ts';

/** The kernels' exports; every pointer is a byte offset into the memory. */
export interface Kernels {
  fwdSparse(wt: number, bias: number, col: number, val: number, nnz: number, z: number, B: number, n: number, mp: number): void;
  fwdDense(wt: number, bias: number, x: number, z: number, B: number, n: number, np: number, mp: number): void;
  activate(z: number, d: number, count: number, below: number, above: number): void;
  mulInPlace(a: number, d: number, count: number): void;
  colSum(dz: number, gb: number, B: number, mp: number): void;
  gradWeightsSparse(gwt: number, dz: number, cstart: number, crow: number, cval: number, n: number, mp: number): void;
  columns(col: number, val: number, nnz: number, B: number, n: number, cstart: number, cur: number, crow: number, cval: number): void;
  gatherRows(idx: number, B: number, start: number, scol: number, sval: number, col: number, val: number, nnz: number, n: number): void;
  gradWeightsDense(gwt: number, dz: number, x: number, B: number, n: number, np: number, mp: number): void;
  gradInput(wt: number, dz: number, dx: number, B: number, n: number, np: number, mp: number): void;
  sparsify(x: number, B: number, n: number, col: number, val: number, nnz: number): void;
  shiftRows(col: number, val: number, nnz: number, B: number, n: number, width: number, height: number, shifts: number, rowOf: number): void;
  sgd(p: number, g: number, count: number, lr: number): void;
  momentum(p: number, g: number, v: number, count: number, lr: number, beta: number): void;
  adam(p: number, g: number, v: number, s: number, count: number, b1: number, d1: number, b2: number, d2: number, ac: number, ic2: number, eps: number): void;
  l2(p: number, g: number, count: number, lam2: number): number;
}


// The few WebAssembly entry points used, typed here so that the package's
// declarations need no DOM or WebAssembly library.
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: object };
  Memory: new (d: { initial: number; maximum?: number }) => WasmMemory;
}

const PAGE = 65536;
let compiled: object | null | undefined;

function api(): WasmApi | undefined {
  return (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
}

/** The compiled module, or undefined where WebAssembly SIMD is unavailable. */
function kernelModule(): object | undefined {
  if (compiled === undefined) {
    const w = api();
    try {
      compiled = w === undefined ? null : new w.Module(new Uint8Array(KERNELS_WASM));
    } catch {
      compiled = null; // no SIMD (old engine), or a host that refuses synchronous compilation
    }
  }
  return compiled ?? undefined;
}

/** True when the kernels can run here. */
export function wasmAvailable(): boolean {
  return kernelModule() !== undefined;
}

/** Most memory a trainer may take: 2 GiB. */
export const MAX_BYTES = 2 ** 31;

/** float64 or float32: the kernels' values, and the suffix of their exports. */
export type Precision = 'float64' | 'float32';

/** An instance of the kernels on its own memory, with views of that memory and a bump allocator. */
export class KernelInstance {
  /** The kernels of the instance's precision. */
  readonly k: Kernels;
  /** The memory as values of that precision. */
  f: Float64Array | Float32Array;
  i32: Int32Array;
  /** Bytes handed out so far. */
  top = 0;
  private readonly mem: WasmMemory;

  private readonly wide: boolean;

  constructor(k: Kernels, mem: WasmMemory, precision: Precision) {
    this.k = k;
    this.mem = mem;
    this.wide = precision === 'float64';
    this.f = this.wide ? new Float64Array(mem.buffer) : new Float32Array(mem.buffer);
    this.i32 = new Int32Array(mem.buffer);
  }

  /** A 16-byte aligned block of `bytes` bytes (zeros if never used), growing the memory when needed; its byte offset. */
  alloc(bytes: number): number {
    const at = this.top;
    const end = at + Math.ceil(bytes / 16) * 16;
    if (end > MAX_BYTES) throw new RangeError(`the training kernels would need more than ${MAX_BYTES / 2 ** 20} MiB`);
    if (end > this.mem.buffer.byteLength) {
      this.mem.grow(Math.ceil((end - this.mem.buffer.byteLength) / PAGE));
      this.f = this.wide ? new Float64Array(this.mem.buffer) : new Float32Array(this.mem.buffer);
      this.i32 = new Int32Array(this.mem.buffer);
    }
    this.top = end;
    return at;
  }
}

/** The kernels of one precision on a fresh memory of `bytes` bytes to start with, or undefined where they cannot run. */
export function wasmKernels(bytes: number, precision: Precision = 'float64'): KernelInstance | undefined {
  const mod = kernelModule();
  const w = api();
  if (mod === undefined || w === undefined) return undefined;
  let mem: WasmMemory;
  let exports: Record<string, unknown>;
  try {
    mem = new w.Memory({ initial: Math.max(1, Math.ceil(bytes / PAGE)), maximum: MAX_BYTES / PAGE });
    exports = new w.Instance(mod, { env: { mem } }).exports as Record<string, unknown>;
  } catch {
    return undefined; // no memory to be had (address space), or a host that refuses: the JavaScript kernels
  }
  const suffix = precision === 'float64' ? '64' : '32';
  const k: Record<string, unknown> = {};
  for (const name of KERNEL_NAMES) k[name] = exports[name + suffix];
  return new KernelInstance(k as unknown as Kernels, mem, precision);
}

const KERNEL_NAMES: readonly (keyof Kernels)[] = [
  'fwdSparse', 'fwdDense', 'activate', 'mulInPlace', 'colSum', 'gradWeightsSparse', 'columns', 'gatherRows',
  'gradWeightsDense', 'gradInput', 'sparsify', 'shiftRows', 'sgd', 'momentum', 'adam', 'l2',
];
