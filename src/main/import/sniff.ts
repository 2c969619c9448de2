import { badInput } from '../errors';
import { IMPORT_MESSAGES } from './messages';

/** What the bytes say the file is; the extension is never trusted (WPS .et and renamed files abound). */
export type FileFormat = 'xlsx' | 'xls' | 'csv' | 'html';


const startsWith = (bytes: Uint8Array, magic: readonly number[]): boolean =>
  magic.every((b, i) => bytes[i] === b);

export function sniffFormat(bytes: Uint8Array, fileName: string): FileFormat {
  if (bytes.length === 0) throw badInput(IMPORT_MESSAGES.emptyFile, { file: fileName });
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'xlsx';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'xls';
  if (startsWith(bytes, [0x50, 0x4b])) throw badInput(IMPORT_MESSAGES.brokenZip, { file: fileName });
  const head = bytes.subarray(0, Math.min(bytes.length, 4096));
  const hasUtf16Bom = startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff]);
  if (!hasUtf16Bom && head.includes(0)) {
    throw badInput(IMPORT_MESSAGES.notSpreadsheet, { file: fileName });
  }
  const text = new TextDecoder('latin1').decode(head).replace(/^\s+/, '').slice(0, 512).toLowerCase();
  if (text.startsWith('<') && /<(table|html)/.test(text)) return 'html';
  return 'csv';
}
