import { createHash, type Hash } from 'node:crypto';
import { PassThrough, Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DigestMismatchError } from './errors';

export function sha256(data: Buffer | string): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

/** Passes bytes through, hashing them; errors at the end if the digest or size differs. */
export function verifyingStream(input: Readable, digest: string, size: number | undefined, label: string, hash: Hash = createHash('sha256')): Readable {
  let seen = 0;
  const t = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk);
      seen += chunk.length;
      cb(null, chunk);
    },
    flush(cb) {
      const got = `sha256:${hash.digest('hex')}`;
      if (got !== digest) return cb(new DigestMismatchError(`${label}: the bytes hash to ${got}`));
      if (size !== undefined && seen !== size) return cb(new DigestMismatchError(`${label}: ${seen} bytes, expected ${size}`));
      cb();
    },
  });
  const out = new PassThrough();
  pipeline(input, t, out).catch((e: unknown) => out.destroy(e as Error));
  return out;
}

/** Regroups a stream into buffers of exactly `size` bytes (the last may be shorter). */
export async function* chunks(input: Readable, size: number): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let length = 0;
  for await (const piece of input as AsyncIterable<Buffer>) {
    let buf = piece;
    while (length + buf.length >= size) {
      const take = size - length;
      pending.push(buf.subarray(0, take));
      yield Buffer.concat(pending);
      pending = [];
      length = 0;
      buf = buf.subarray(take);
    }
    if (buf.length) {
      pending.push(buf);
      length += buf.length;
    }
  }
  if (length) yield Buffer.concat(pending);
}
