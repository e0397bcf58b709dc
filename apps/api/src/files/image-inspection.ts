import sharp, { type Metadata } from 'sharp';

/** What an upload's bytes turned out to be when they are a picture the platform shows inline. */
export type InspectedImage = { mime: string; width: number; height: number; thumbnail: Buffer };

export const THUMBNAIL_PX = 256;
export const THUMBNAIL_MIME = 'image/webp';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * The raster formats by their first bytes. Only these reach the decoder: SVG, PDF and the other formats
 * libvips could read are served as plain attachments, never parsed.
 */
function hasRasterSignature(bytes: Buffer): boolean {
  if (bytes.length < 12) return false;
  const head = bytes.toString('latin1', 0, 12);
  return (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
    || bytes.subarray(0, 8).equals(PNG)
    || head.startsWith('GIF87a') || head.startsWith('GIF89a')
    || (head.startsWith('RIFF') && head.slice(8, 12) === 'WEBP')
    || head.startsWith('II*\u0000') || head.startsWith('MM\u0000*')
    || head.slice(4, 8) === 'ftyp';
}

function mimeOf(metadata: Metadata): string | null {
  switch (metadata.format) {
    case 'jpeg': return 'image/jpeg';
    case 'png': return 'image/png';
    case 'webp': return 'image/webp';
    case 'gif': return 'image/gif';
    case 'tiff': return 'image/tiff';
    case 'heif': return metadata.compression === 'av1' ? 'image/avif' : 'image/heic';
    default: return null;
  }
}

/**
 * The real type of an upload when its bytes are a raster image the platform can decode, with a
 * thumbnail (at most 256 px a side, WebP, turned upright by its EXIF orientation); null otherwise.
 * An image that cannot be decoded down to its thumbnail counts as no image.
 */
export async function inspectImage(bytes: Buffer): Promise<InspectedImage | null> {
  if (!hasRasterSignature(bytes)) return null;
  try {
    const metadata = await sharp(bytes).metadata();
    const mime = mimeOf(metadata);
    if (!mime || !metadata.width || !metadata.height) return null;
    const thumbnail = await sharp(bytes)
      .rotate()
      .resize({ width: THUMBNAIL_PX, height: THUMBNAIL_PX, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer();
    return { mime, width: metadata.width, height: metadata.height, thumbnail };
  } catch {
    return null;
  }
}
