/**
 * What an upload may be: the accepted types, the size limit of each kind, and whether the first
 * bytes are what the declared type says (a script named photo.jpg is refused, not stored).
 */
export type FileKind = 'image' | 'video';

const FTYP = (head: Buffer) => head.length >= 12 && head.toString('latin1', 4, 8) === 'ftyp';
const brand = (head: Buffer) => head.toString('latin1', 8, 12);
const HEIF_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1']);

export const ACCEPTED: Record<string, { kind: FileKind; matches: (head: Buffer) => boolean }> = {
  'image/jpeg': { kind: 'image', matches: (h) => h[0] === 0xff && h[1] === 0xd8 && h[2] === 0xff },
  'image/png': {
    kind: 'image',
    matches: (h) => h.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  'image/webp': {
    kind: 'image',
    matches: (h) => h.toString('latin1', 0, 4) === 'RIFF' && h.toString('latin1', 8, 12) === 'WEBP',
  },
  'image/heic': { kind: 'image', matches: (h) => FTYP(h) && HEIF_BRANDS.has(brand(h)) },
  'image/heif': { kind: 'image', matches: (h) => FTYP(h) && HEIF_BRANDS.has(brand(h)) },
  'video/mp4': { kind: 'video', matches: (h) => FTYP(h) && !HEIF_BRANDS.has(brand(h)) },
  'video/quicktime': { kind: 'video', matches: (h) => FTYP(h) && brand(h) === 'qt  ' },
  'video/webm': {
    kind: 'video',
    matches: (h) => h.subarray(0, 4).equals(Buffer.from([0x1a, 0x45, 0xdf, 0xa3])),
  },
};

/** Bytes needed to recognise every accepted type. */
export const SNIFF_BYTES = 12;
