import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';

/** Input errors end the command with exit code 2 and this one-line message. */
export class InputError extends Error {}

/** Pages and messages are small; anything bigger is not something we should hold in memory. */
export const MAX_INPUT_BYTES = 32 * 1024 * 1024;

function decode(bytes: Buffer, name: string): string {
  const head = bytes.subarray(0, 8192);
  if (head.includes(0))
    throw new InputError(`${name}: looks like a binary file (NUL bytes); give a text or HTML file`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(`${name}: not valid UTF-8 text`);
  }
}

/** Reads at most MAX_INPUT_BYTES from fd, failing as soon as the input is known to be larger. */
function readCapped(fd: number, name: string): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  const chunk = Buffer.alloc(1 << 20);
  for (;;) {
    let n: number;
    try {
      n = readSync(fd, chunk, 0, chunk.length, null);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') continue;
      if ((e as NodeJS.ErrnoException).code === 'EOF') break;
      throw e;
    }
    if (n === 0) break;
    total += n;
    if (total > MAX_INPUT_BYTES) {
      throw new InputError(
        `${name}: input is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MB; split it first`,
      );
    }
    chunks.push(Buffer.from(chunk.subarray(0, n)));
  }
  return Buffer.concat(chunks, total);
}

/** The text of FILE, or of standard input for "-". Never reads more than the cap. */
export function readInput(file: string): string {
  if (file === '-') return decode(readCapped(0, 'stdin'), 'stdin');
  let fd: number;
  try {
    if (statSync(file).isDirectory()) throw new InputError(`${file}: is a directory`);
    fd = openSync(file, 'r');
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(
      `${file}: cannot read (${code === 'ENOENT' ? 'no such file' : (code ?? String(e))})`,
    );
  }
  try {
    const size = fstatSync(fd).size;
    if (size > MAX_INPUT_BYTES) {
      throw new InputError(
        `${file}: ${Math.round(size / 1024 / 1024)} MB is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MB; split it first`,
      );
    }
    return decode(readCapped(fd, file), file);
  } finally {
    closeSync(fd);
  }
}
