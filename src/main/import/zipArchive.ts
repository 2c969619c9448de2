import { Inflate, inflateSync } from 'fflate';

/** One file inside a zip archive, as its central directory describes it. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const ZIP64_MARK = 0xffffffff;
const MAX_COMMENT = 65535;

const viewOf = (bytes: Uint8Array): DataView => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/**
 * The entries of a zip archive, from its central directory; null for an archive this reader does not walk (damaged,
 * zip64), which is then left to SheetJS and its messages.
 */
export function zipEntries(bytes: Uint8Array): Map<string, ZipEntry> | null {
  const view = viewOf(bytes);
  let end = -1;
  for (let p = bytes.length - 22; p >= Math.max(0, bytes.length - 22 - MAX_COMMENT); p--) {
    if (view.getUint32(p, true) === END_OF_DIRECTORY) {
      end = p;
      break;
    }
  }
  if (end < 0) return null;
  const count = view.getUint16(end + 10, true);
  let p = view.getUint32(end + 16, true);
  const names = new TextDecoder();
  const entries = new Map<string, ZipEntry>();
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== DIRECTORY_ENTRY) return null;
    const nameLength = view.getUint16(p + 28, true);
    const entry: ZipEntry = {
      name: names.decode(bytes.subarray(p + 46, p + 46 + nameLength)),
      method: view.getUint16(p + 10, true),
      compressedSize: view.getUint32(p + 20, true),
      size: view.getUint32(p + 24, true),
      localOffset: view.getUint32(p + 42, true),
    };
    if (entry.compressedSize === ZIP64_MARK || entry.size === ZIP64_MARK || entry.localOffset === ZIP64_MARK) return null;
    entries.set(entry.name, entry);
    p += 46 + nameLength + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
  }
  return entries;
}

function compressedData(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const view = viewOf(bytes);
  const p = entry.localOffset;
  if (p + 30 > bytes.length || view.getUint32(p, true) !== LOCAL_HEADER) throw new Error(`zip entry ${entry.name}: no local header`);
  const start = p + 30 + view.getUint16(p + 26, true) + view.getUint16(p + 28, true);
  if (start + entry.compressedSize > bytes.length) throw new Error(`zip entry ${entry.name}: truncated`);
  if (entry.method !== 0 && entry.method !== 8) throw new Error(`zip entry ${entry.name}: compression method ${entry.method}`);
  return bytes.subarray(start, start + entry.compressedSize);
}

/** A small entry's whole content. */
export function entryBytes(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const data = compressedData(bytes, entry);
  return entry.method === 0 ? data : inflateSync(data, { out: new Uint8Array(entry.size) });
}

/** An entry's content piece by piece, inflated as it is read: a worksheet can be far larger than the memory it gets. */
export function* entryChunks(bytes: Uint8Array, entry: ZipEntry, step = 1 << 16): Generator<Uint8Array> {
  const data = compressedData(bytes, entry);
  if (entry.method === 0) {
    for (let i = 0; i < data.length; i += step) yield data.subarray(i, i + step);
    return;
  }
  const out: Uint8Array[] = [];
  const inflate = new Inflate((chunk) => {
    out.push(chunk);
  });
  let i = 0;
  do {
    inflate.push(data.subarray(i, i + step), i + step >= data.length);
    i += step;
    for (const chunk of out) yield chunk;
    out.length = 0;
  } while (i < data.length);
}
