/** The output frame, in pixels (both even). */
export interface FrameSize {
  width: number;
  height: number;
}

/** Frames per second of every rendered video. */
export const RENDER_FPS = 25;

/** Where a layer of `width`×`height` goes: centred, moved by `offset` (a fraction of the frame), kept inside. */
export function placeInFrame(
  frame: FrameSize,
  width: number,
  height: number,
  offset: { x: number; y: number },
): { left: number; top: number } {
  const centreX = frame.width / 2 + (offset.x * frame.width) / 2;
  const centreY = frame.height / 2 + (offset.y * frame.height) / 2;
  return {
    left: clamp(Math.round(centreX - width / 2), 0, frame.width - width),
    top: clamp(Math.round(centreY - height / 2), 0, frame.height - height),
  };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), Math.max(min, max));
}
