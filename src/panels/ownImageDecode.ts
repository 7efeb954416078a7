/**
 * The browser's half of the learner's images: a file or a video frame to RGBA pixels (decoded by
 * createImageBitmap, drawn on a canvas), then data/ownImages.ts crops, resizes and greys them.
 */
import { checkImageFile, cropResizeGray, type OwnImageError } from '../data/ownImages';

/** Longest side a picture is drawn at before the crop (a phone photo need not be decoded whole). */
const DRAW_MAX = 512;

function toGray(source: CanvasImageSource, w: number, h: number): Uint8Array {
  const scale = Math.min(1, DRAW_MAX / Math.max(w, h));
  const cw = Math.max(1, Math.round(w * scale));
  const ch = Math.max(1, Math.round(h * scale));
  const canvas = document.createElement('canvas');
  canvas.width = cw;
  canvas.height = ch;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('no 2-D canvas');
  ctx.drawImage(source, 0, 0, cw, ch);
  return cropResizeGray(ctx.getImageData(0, 0, cw, ch).data, cw, ch);
}

/** One image file as 28×28 grey pixels, or why it cannot be used (never throws). */
export async function decodeImageFile(file: File): Promise<Uint8Array | OwnImageError> {
  const bad = checkImageFile(file);
  if (bad) return bad;
  try {
    const bitmap = await createImageBitmap(file);
    try {
      return toGray(bitmap, bitmap.width, bitmap.height);
    } finally {
      bitmap.close();
    }
  } catch {
    return { key: 'ownImg.err.decode', vars: { name: file.name } };
  }
}

/** The video's current frame as 28×28 grey pixels, or null before the first frame. */
export function captureFrame(video: HTMLVideoElement): Uint8Array | null {
  if (!video.videoWidth || !video.videoHeight) return null;
  return toGray(video, video.videoWidth, video.videoHeight);
}

/** Whether this browser can ask for a camera at all (a page over http, an old browser: no). */
export function cameraAvailable(): boolean {
  return typeof navigator !== 'undefined' && !!navigator.mediaDevices && typeof navigator.mediaDevices.getUserMedia === 'function';
}
