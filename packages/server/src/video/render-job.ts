/** Job kind of a render on the job queue; its payload is `{videoId}`. */
export const RENDER_VIDEO_JOB = 'render_video';

/**
 * Attempts a render job gets. A render that fails on its own (a tool missing or crashing) marks
 * the video failed at once; the attempts cover the rest: a restart mid-render, a catalog hiccup.
 */
export const RENDER_VIDEO_MAX_ATTEMPTS = 3;
