import { once } from 'node:events';
import fs from 'node:fs';
import type { TransformOptions } from 'node:stream';
import zlib from 'node:zlib';
import { UserError } from '../errors';
import { EXPORT_MESSAGES } from './messages';

/**
 * A .zip file written entry after entry, for the streaming .xlsx writer. Node's zlib deflates (on another thread) and
 * checksums (natively) what archiver deflated the same way but checksummed in JavaScript: 0.85 s of a county ledger's
 * 1 GB sheet, plus its stream layers (measured). Sizes and offsets must fit the classic format's 32 bits; a larger
 * workbook is refused with a message (per village it fits).
 */

const LOCAL_HEADER = 0x04034b50;
const DATA_DESCRIPTOR = 0x08074b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const VERSION = 20;
const DEFLATE = 8;
/** Names in UTF-8; sizes after the data (an entry streamed in). */
const UTF8_NAMES = 0x0800;
const SIZES_AFTER = 0x0008;
const MAX_32 = 0xffffffff;

interface Entry {
  name: Buffer;
  flags: number;
  offset: number;
  crc: number;
  compressed: number;
  size: number;
}

/** MS-DOS time and date, as zip stores them. */
function dosTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1),
    date: ((d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

/** An entry streamed in: `write` pieces (false: wait for `drained`), then `end`. */
export interface ZipEntryStream {
  write(piece: Buffer): boolean;
  drained(): Promise<void>;
  end(): Promise<void>;
}

export class ZipFileWriter {
  private readonly out: fs.WriteStream;
  private readonly entries: Entry[] = [];
  private offset = 0;
  private streaming: zlib.DeflateRaw | null = null;
  private readonly stamp = dosTime(new Date());
  private fail: (error: unknown) => void = () => {};
  /** Rejects with the first write or deflate error; every wait races it, so that none waits for ever. */
  readonly failure: Promise<never>;
  private readonly closed: Promise<void>;

  constructor(
    file: string,
    private readonly level: number,
    /** The largest size or offset written: the classic format's (a test passes a small one). */
    private readonly limit = MAX_32,
  ) {
    this.out = fs.createWriteStream(file);
    this.failure = new Promise<never>((_, reject) => (this.fail = reject));
    // Nobody awaits the failure until a write waits: without a handler Node would call it unhandled.
    this.failure.catch(() => {});
    this.out.on('error', this.fail);
    this.closed = new Promise<void>((resolve) => this.out.on('close', resolve));
  }

  /** Refuses, with `message`, a size or offset beyond the format's. */
  private fits(message: string, ...values: number[]): void {
    if (values.some((v) => v > this.limit)) throw new UserError('BAD_INPUT', message);
  }

  private put(bytes: Buffer): void {
    this.out.write(bytes);
    this.offset += bytes.length;
  }

  /**
   * What the local and the central header of an entry both say, in the same order: version needed, flags, method,
   * time, date, checksum, sizes and the name's length (no extra field).
   */
  private described(entry: Entry): Buffer {
    const fields = Buffer.alloc(26);
    fields.writeUInt16LE(VERSION, 0);
    fields.writeUInt16LE(entry.flags, 2);
    fields.writeUInt16LE(DEFLATE, 4);
    fields.writeUInt16LE(this.stamp.time, 6);
    fields.writeUInt16LE(this.stamp.date, 8);
    fields.writeUInt32LE(entry.crc, 10);
    fields.writeUInt32LE(entry.compressed, 14);
    fields.writeUInt32LE(entry.size, 18);
    fields.writeUInt16LE(entry.name.length, 22);
    return fields;
  }

  private localHeader(entry: Entry): Buffer {
    const signature = Buffer.alloc(4);
    signature.writeUInt32LE(LOCAL_HEADER, 0);
    return Buffer.concat([signature, this.described(entry), entry.name]);
  }

  private centralHeader(entry: Entry): Buffer {
    const before = Buffer.alloc(6);
    before.writeUInt32LE(CENTRAL_HEADER, 0);
    before.writeUInt16LE(VERSION, 4);
    // Comment length, disk, internal and external attributes (all zero), then where the entry starts.
    const after = Buffer.alloc(14);
    after.writeUInt32LE(entry.offset, 10);
    return Buffer.concat([before, this.described(entry), after, entry.name]);
  }

  private begin(name: string, flags: number): Entry {
    if (this.streaming) throw new Error('zip: the streamed entry is not ended');
    this.fits(EXPORT_MESSAGES.tooLarge, this.offset);
    return { name: Buffer.from(name), flags, offset: this.offset, crc: 0, compressed: 0, size: 0 };
  }

  /** A whole entry at once (the small parts of a workbook). */
  add(name: string, text: string): void {
    const entry = this.begin(name, UTF8_NAMES);
    const data = Buffer.from(text);
    const deflated = zlib.deflateRawSync(data, { level: this.level });
    Object.assign(entry, { crc: zlib.crc32(data), compressed: deflated.length, size: data.length });
    this.fits(EXPORT_MESSAGES.tooLarge, entry.size);
    this.put(this.localHeader(entry));
    this.put(deflated);
    this.entries.push(entry);
  }

  /**
   * An entry written piece by piece, deflated as the pieces come; nothing else can be added until it ends. `tooLarge`
   * is what a clerk is told if it outgrows the format (which sheet).
   */
  stream(name: string, tooLarge: string): ZipEntryStream {
    const entry = this.begin(name, UTF8_NAMES | SIZES_AFTER);
    this.put(this.localHeader(entry));
    // Room for a few pieces ahead, so that the writer is not held up while zlib's thread deflates the one before (zlib
    // passes stream options on, though its type does not say so).
    const options: zlib.ZlibOptions & TransformOptions = { level: this.level, writableHighWaterMark: 4 << 20, chunkSize: 1 << 16 };
    const deflate = zlib.createDeflateRaw(options);
    this.streaming = deflate;
    deflate.on('error', this.fail);
    deflate.on('data', (chunk: Buffer) => {
      entry.compressed += chunk.length;
    });
    deflate.pipe(this.out, { end: false });
    return {
      write: (piece) => {
        entry.crc = zlib.crc32(piece, entry.crc);
        entry.size += piece.length;
        this.fits(tooLarge, entry.size);
        return deflate.write(piece);
      },
      drained: () => Promise.race([once(deflate, 'drain').then(() => {}), this.failure]),
      end: async () => {
        deflate.end();
        await Promise.race([once(deflate, 'end'), this.failure]);
        this.streaming = null;
        this.offset += entry.compressed;
        this.fits(tooLarge, entry.compressed);
        const descriptor = Buffer.alloc(16);
        descriptor.writeUInt32LE(DATA_DESCRIPTOR, 0);
        descriptor.writeUInt32LE(entry.crc, 4);
        descriptor.writeUInt32LE(entry.compressed, 8);
        descriptor.writeUInt32LE(entry.size, 12);
        this.put(descriptor);
        this.entries.push(entry);
      },
    };
  }

  /** The central directory, then the file is closed. */
  async close(): Promise<void> {
    if (this.streaming) throw new Error('zip: the streamed entry is not ended');
    const start = this.offset;
    for (const e of this.entries) this.put(this.centralHeader(e));
    this.fits(EXPORT_MESSAGES.tooLarge, this.offset);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(this.offset - start, 12);
    end.writeUInt32LE(start, 16);
    this.put(end);
    this.out.end();
    await Promise.race([this.closed, this.failure]);
  }

  /** Stop writing and release the file, so that the caller can remove it. */
  async abort(): Promise<void> {
    this.streaming?.destroy();
    this.out.destroy();
    await this.closed;
  }
}
