/**
 * Where the files host serves a video's renders (SPEC §9): `/video/{id}.mp4` and
 * `/video/{id}.jpg`, public capability URLs like `/asset/{id}`. A separate path, because a
 * video is not an asset: it is not listed, uploaded or deleted through the asset routes.
 */
export function videoFileUrl(publicUrl: string, videoId: string): string {
  return `${publicUrl}/video/${videoId}.mp4`;
}

export function thumbnailUrl(publicUrl: string, videoId: string): string {
  return `${publicUrl}/video/${videoId}.jpg`;
}

/** Blob keys of a video's renders; outside `sha256/`, so asset clean-up never touches them. */
export function videoBlobKey(videoId: string): string {
  return `videos/${videoId}/video`;
}

export function thumbnailBlobKey(videoId: string): string {
  return `videos/${videoId}/thumbnail`;
}
