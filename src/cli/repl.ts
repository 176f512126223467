// The interactive workbench: read a line, show how it was read and its value.

import { createInterface } from 'node:readline';
import { evaluate } from '../expr/eval.ts';
import { freeVariables } from '../expr/traverse.ts';
import { printAscii, printUnicode } from '../expr/print.ts';
import { parse } from '../parse/index.ts';
import { errorText, parsePoint, type Point } from './io.ts';
import { formatValue } from './commands/eval.ts';

export async function startRepl(input: NodeJS.ReadableStream = process.stdin, output: NodeJS.WritableStream = process.stdout): Promise<void> {
  const tty = (input as { isTTY?: boolean }).isTTY === true;
  const rl = createInterface({ input, output, terminal: tty, prompt: tty ? 'difflab> ' : '' });
  let point: Point = {};
  const say = (s: string): void => void output.write(s + '\n');
  if (tty) say('difflab: type an expression (ln x + x²y − sin xy), :at x=2 y=5 to set a point, :quit to leave');
  rl.prompt();
  for await (const raw of rl) {
    const line = raw.trim();
    if (line === ':quit' || line === ':q') break;
    if (line !== '') {
      try {
        if (line.startsWith(':at')) {
          point = { ...point, ...parsePoint(line.slice(3)) };
          say(`at ${Object.entries(point).map(([k, v]) => `${k}=${v}`).join(', ')}`);
        } else {
          const e = parse(line);
          say(`${printUnicode(e)}    (read as ${printAscii(e)})`);
          const free = freeVariables(e);
          if (free.every((v) => v in point)) say(`= ${formatValue(evaluate(e, point))}`);
        }
      } catch (err) {
        say(errorText(err, line));
      }
    }
    rl.prompt();
  }
  rl.close();
}
