import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { EXPORT_MESSAGES } from '../../../src/main/export/messages';
import { ZipFileWriter } from '../../../src/main/export/zipWriter';
import { tempDir } from '../../helpers';

/** Name, checksum and sizes of every entry, from the central directory at the end of the file. */
function centralDirectory(zip: Buffer): { name: string; crc: number; compressed: number; size: number; flags: number }[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  return Array.from({ length: count }, () => {
    const nameLength = zip.readUInt16LE(at + 28);
    const entry = {
      name: zip.toString('utf8', at + 46, at + 46 + nameLength), flags: zip.readUInt16LE(at + 8),
      crc: zip.readUInt32LE(at + 16), compressed: zip.readUInt32LE(at + 20), size: zip.readUInt32LE(at + 24),
    };
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    return entry;
  });
}

describe('the zip writer', () => {
  it('writes whole and streamed entries that read back with their checksums and sizes', async () => {
    const file = path.join(tempDir(), 'out.zip');
    const zip = new ZipFileWriter(file, 1);
    zip.add('第一.xml', '<a>表头</a>');
    const entry = zip.stream('xl/worksheets/sheet1.xml', '表一太大');
    // Random bytes do not deflate: 12 MB fills the stream's buffer, so the writer must wait for it to drain.
    const pieces = Array.from({ length: 24 }, () => crypto.randomBytes(512 * 1024));
    let waited = 0;
    for (const piece of pieces) {
      if (!entry.write(piece)) {
        waited += 1;
        await entry.drained();
      }
    }
    await entry.end();
    zip.add('last.xml', '<b/>');
    await zip.close();

    const written = fs.readFileSync(file);
    const files = unzipSync(written);
    const sheet = Buffer.concat(pieces);
    expect(waited).toBeGreaterThan(0);
    expect(Buffer.from(files['第一.xml'] ?? []).toString()).toBe('<a>表头</a>');
    expect(Buffer.compare(Buffer.from(files['xl/worksheets/sheet1.xml'] ?? []), sheet)).toBe(0);
    expect(Buffer.from(files['last.xml'] ?? []).toString()).toBe('<b/>');
    const directory = centralDirectory(written);
    expect(directory.map((e) => e.name)).toEqual(['第一.xml', 'xl/worksheets/sheet1.xml', 'last.xml']);
    expect(directory[1]).toMatchObject({ crc: zlib.crc32(sheet), size: sheet.length });
    expect(directory[1]?.flags).toBe(0x0808);
    expect(directory[0]?.crc).toBe(zlib.crc32('<a>表头</a>'));
  });

  it('refuses to add an entry while one is streaming in', () => {
    const zip = new ZipFileWriter(path.join(tempDir(), 'busy.zip'), 1);
    zip.stream('a.xml', '太大');
    expect(() => zip.add('b.xml', '<b/>')).toThrow(/not ended/);
    return zip.abort();
  });

  it('refuses, in Chinese, a file larger than the format can say', async () => {
    const file = path.join(tempDir(), 'big.zip');
    const zip = new ZipFileWriter(file, 1, 1000);
    const entry = zip.stream('sheet.xml', EXPORT_MESSAGES.sheetTooLarge('名单'));
    expect(entry.write(Buffer.alloc(600, 'x'))).toBe(true);
    expect(() => entry.write(Buffer.alloc(600, 'x'))).toThrow(/工作表“名单”超过 4 GB.*按村分别导出/);
    await zip.abort();
  });

  it('fails, rather than waits for ever, when the file cannot be written', async () => {
    const zip = new ZipFileWriter(path.join(tempDir(), 'no-such-dir', 'out.zip'), 1);
    const entry = zip.stream('sheet.xml', '太大');
    await expect((async () => {
      for (let i = 0; i < 64; i++) if (!entry.write(crypto.randomBytes(512 * 1024))) await entry.drained();
      await entry.end();
    })()).rejects.toThrow(/ENOENT/);
    await zip.abort();
  });
});
