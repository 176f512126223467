// Writes src/export/onnx-schema.ts: the official onnx.proto (ONNX 1.12, IR
// version 8, Apache-2.0) as a string, which protobufjs parses at run time.
// The source is the file Debian's python3-onnx 1.12 installs, the same
// release whose checker the export tests run:
//
//   node scripts/export/vendor-onnx-proto.mjs [/usr/lib/python3/dist-packages/onnx/onnx.proto]
import { readFile, writeFile } from 'node:fs/promises';

const source = process.argv[2] ?? '/usr/lib/python3/dist-packages/onnx/onnx.proto';
const text = await readFile(source, 'utf8');
if (!/IR_VERSION = 0x0000000000000008;/.test(text)) throw new Error(`${source} is not the IR version 8 onnx.proto`);
const out = `// The official onnx.proto of ONNX 1.12 (IR version 8), SPDX-License-Identifier: Apache-2.0,
// copied verbatim by scripts/export/vendor-onnx-proto.mjs from Debian's python3-onnx 1.12.
// protobufjs parses it when the first ONNX model is written.

export const ONNX_PROTO: string = ${JSON.stringify(text)};
`;
await writeFile(new URL('../../src/export/onnx-schema.ts', import.meta.url), out);
console.log(`wrote src/export/onnx-schema.ts (${text.length} characters from ${source})`);
