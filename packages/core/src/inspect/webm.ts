import type { ByteSource } from '../byte-source.js';
import { MediaRejectedError } from '../errors.js';
import { MiB } from '../units.js';
import {
  ebmlBlockTimestamp,
  ebmlChildren,
  ebmlFloat,
  ebmlString,
  ebmlUnsigned,
  parseEbmlHeader,
} from './ebml.js';
import type { FormatFacts, FormatInspection } from './format-inspector.js';
import { readFully } from './read-fully.js';

/**
 * WebM check (Matroska element spec, WebM subset): walks the Segment's top-level elements by
 * header up to the first Cluster, reads Info and Tracks, requires a video track, and takes the
 * duration from Info's Duration, or, when a live recorder (MediaRecorder) left it out, from
 * the timestamps of the last Cluster, found by scanning the end of the file.
 */

const IDS = {
  segment: 0x18538067,
  info: 0x1549a966,
  tracks: 0x1654ae6b,
  cluster: 0x1f43b675,
  timestampScale: 0x2ad7b1,
  duration: 0x4489,
  trackEntry: 0xae,
  trackType: 0x83,
  codecId: 0x86,
  defaultDuration: 0x23e383,
  video: 0xe0,
  pixelWidth: 0xb0,
  pixelHeight: 0xba,
  clusterTimestamp: 0xe7,
  simpleBlock: 0xa3,
  blockGroup: 0xa0,
  block: 0xa1,
  blockDuration: 0x9b,
} as const;

/** Elements directly inside a Segment (Matroska §5.1); one of them ends an unknown-size Cluster. */
const TOP_LEVEL_IDS: ReadonlySet<number> = new Set([
  IDS.info,
  IDS.tracks,
  IDS.cluster,
  0x114d9b74,
  0x1c53bb6b,
  0x1043a770,
  0x1254c367,
  0x1941a469,
]);

const TRACK_TYPE_VIDEO = 1;
const TRACK_TYPE_AUDIO = 2;

/** Default TimestampScale: timestamps in milliseconds (Matroska §5.1.2.1). */
const DEFAULT_TIMESTAMP_SCALE_NS = 1_000_000;

/** Most top-level elements walked before the first Cluster. */
const MAX_ELEMENTS_BEFORE_CLUSTERS = 1024;

/** Largest Info or Tracks element read, in bytes (codec private data included). */
const MAX_HEADER_ELEMENT_BYTES = 1 * MiB;

/** Bytes at the end of the file searched for the last Cluster when Duration is missing. */
const WEBM_TAIL_SCAN_BYTES = 16 * MiB;

/** Longest element header: a 4-byte ID and an 8-byte size. */
const MAX_ELEMENT_HEADER_BYTES = 12;

interface WebmTrack {
  type: number;
  codecId: string;
  width: number;
  height: number;
  defaultDurationNs: number;
}

interface SegmentHeaders {
  dataStart: number;
  timestampScaleNs: number;
  /** Info's Duration, in TimestampScale units; 0 when absent. */
  duration: number;
  tracks: WebmTrack[];
}

const CODEC_NAMES: Readonly<Record<string, string>> = {
  V_VP8: 'vp8',
  V_VP9: 'vp9',
  V_AV1: 'av1',
  'V_MPEG4/ISO/AVC': 'h264',
  'V_MPEGH/ISO/HEVC': 'hevc',
  A_OPUS: 'opus',
  A_VORBIS: 'vorbis',
  A_AAC: 'aac',
};

export async function inspectWebm({
  source,
  head,
  declaredType,
}: FormatInspection): Promise<FormatFacts> {
  const segment = await readSegmentHeaders(source, head);
  const video = segment.tracks.find((track) => track.type === TRACK_TYPE_VIDEO);
  const audio = segment.tracks.find((track) => track.type === TRACK_TYPE_AUDIO);
  if (!video) throw audioOnly(declaredType !== undefined, audio !== undefined);
  if (!video.width || !video.height) throw corrupt('its video track has no picture size');

  const durationSeconds =
    segment.duration > 0
      ? (segment.duration * segment.timestampScaleNs) / 1e9
      : await durationFromLastCluster(source, segment, video);
  if (!(durationSeconds && durationSeconds > 0 && Number.isFinite(durationSeconds))) {
    throw new MediaRejectedError(
      'incomplete_media',
      'The WebM has no Duration and no media clusters to measure: upload the whole recording.',
    );
  }
  const tracks = audio ? [video, audio] : [video];
  return {
    width: video.width,
    height: video.height,
    durationSeconds,
    codecs: tracks.map((track) => CODEC_NAMES[track.codecId] ?? track.codecId.toLowerCase()),
    hasAudio: audio !== undefined,
  };
}

async function readSegmentHeaders(source: ByteSource, head: Uint8Array): Promise<SegmentHeaders> {
  const ebml = parseEbmlHeader(head, 0);
  if (!ebml || ebml.size === undefined) throw corrupt('its EBML header has no size');

  const segmentStart = ebml.headerBytes + ebml.size;
  const segmentHeader = parseEbmlHeader(
    await readFully(source, segmentStart, MAX_ELEMENT_HEADER_BYTES),
    0,
  );
  if (segmentHeader?.id !== IDS.segment) throw corrupt('no Segment follows its EBML header');

  const dataStart = segmentStart + segmentHeader.headerBytes;
  const segmentEnd =
    segmentHeader.size === undefined ? source.size : dataStart + segmentHeader.size;
  if (segmentEnd > source.size) {
    throw new MediaRejectedError(
      'incomplete_media',
      `The WebM Segment declares ${segmentEnd - segmentStart} bytes but the file ends after ` +
        `${source.size - segmentStart}: upload the whole file.`,
    );
  }

  const segment: SegmentHeaders = {
    dataStart,
    timestampScaleNs: DEFAULT_TIMESTAMP_SCALE_NS,
    duration: 0,
    tracks: [],
  };
  await walkToFirstCluster(source, segment, segmentEnd);
  return segment;
}

async function walkToFirstCluster(
  source: ByteSource,
  segment: SegmentHeaders,
  end: number,
): Promise<void> {
  let offset = segment.dataStart;
  let sawTracks = false;
  for (let count = 0; offset < end && count < MAX_ELEMENTS_BEFORE_CLUSTERS; count++) {
    const header = parseEbmlHeader(await readFully(source, offset, MAX_ELEMENT_HEADER_BYTES), 0);
    if (!header || header.id === IDS.cluster) break;
    if (header.size === undefined) throw corrupt(`the element at offset ${offset} has no size`);

    const dataStart = offset + header.headerBytes;
    if (header.id === IDS.info || header.id === IDS.tracks) {
      if (header.size > MAX_HEADER_ELEMENT_BYTES) {
        throw corrupt('its Info or Tracks element is too large');
      }
      const data = await readFully(source, dataStart, header.size);
      if (data.byteLength < header.size) throw corrupt('it ends inside its Info or Tracks element');
      if (header.id === IDS.info) readInfo(data, segment);
      if (header.id === IDS.tracks) segment.tracks = readTracks(data);
      sawTracks ||= header.id === IDS.tracks;
    }
    offset = dataStart + header.size;
  }
  if (!sawTracks) throw corrupt('it has no Tracks element before its media data');
}

function readInfo(data: Uint8Array, segment: SegmentHeaders): void {
  for (const child of ebmlChildren(data, 0, data.byteLength)) {
    if (child.id === IDS.timestampScale) {
      segment.timestampScaleNs = ebmlUnsigned(child.data) || DEFAULT_TIMESTAMP_SCALE_NS;
    }
    if (child.id === IDS.duration) segment.duration = ebmlFloat(child.data) ?? 0;
  }
}

function readTracks(data: Uint8Array): WebmTrack[] {
  const tracks: WebmTrack[] = [];
  for (const entry of ebmlChildren(data, 0, data.byteLength)) {
    if (entry.id !== IDS.trackEntry) continue;
    const track: WebmTrack = { type: 0, codecId: '', width: 0, height: 0, defaultDurationNs: 0 };
    for (const field of ebmlChildren(entry.data, 0, entry.data.byteLength)) {
      if (field.id === IDS.trackType) track.type = ebmlUnsigned(field.data) ?? 0;
      if (field.id === IDS.codecId) track.codecId = ebmlString(field.data);
      if (field.id === IDS.defaultDuration) track.defaultDurationNs = ebmlUnsigned(field.data) ?? 0;
      if (field.id === IDS.video) readVideoSize(field.data, track);
    }
    tracks.push(track);
  }
  return tracks;
}

function readVideoSize(data: Uint8Array, track: WebmTrack): void {
  for (const field of ebmlChildren(data, 0, data.byteLength)) {
    if (field.id === IDS.pixelWidth) track.width = ebmlUnsigned(field.data) ?? 0;
    if (field.id === IDS.pixelHeight) track.height = ebmlUnsigned(field.data) ?? 0;
  }
}

/**
 * The end time of the last block of the last Cluster, in seconds, plus one video frame. The
 * Cluster is found by scanning back from the end of the file for its ID followed by a Timestamp.
 */
async function durationFromLastCluster(
  source: ByteSource,
  segment: SegmentHeaders,
  video: WebmTrack,
): Promise<number | undefined> {
  // TODO: walk Clusters forward by header when the last one is larger than the tail scan; such
  // files (huge clusters and no Duration) have not been seen from real recorders.
  const tailStart = Math.max(segment.dataStart, source.size - WEBM_TAIL_SCAN_BYTES);
  const tail = await readFully(source, tailStart, source.size - tailStart);
  for (let at = lastClusterId(tail, tail.byteLength); at >= 0; at = lastClusterId(tail, at)) {
    const ticks = lastBlockTicks(tail, at);
    if (ticks !== undefined) {
      return (ticks * segment.timestampScaleNs + video.defaultDurationNs) / 1e9;
    }
  }
  return undefined;
}

/** Offset of the last Cluster ID (`1F 43 B6 75`) starting before `before`, or -1. */
function lastClusterId(bytes: Uint8Array, before: number): number {
  for (
    let at = bytes.lastIndexOf(0x1f, before - 1);
    at >= 0;
    at = bytes.lastIndexOf(0x1f, at - 1)
  ) {
    if (bytes[at + 1] === 0x43 && bytes[at + 2] === 0xb6 && bytes[at + 3] === 0x75) return at;
    if (at === 0) break;
  }
  return -1;
}

/** Latest block time in the Cluster at `at`, in TimestampScale units; undefined if not a Cluster. */
function lastBlockTicks(bytes: Uint8Array, at: number): number | undefined {
  const cluster = parseEbmlHeader(bytes, at);
  if (!cluster) return undefined;
  const start = at + cluster.headerBytes;
  const end =
    cluster.size === undefined
      ? bytes.byteLength
      : Math.min(bytes.byteLength, start + cluster.size);

  let clusterTime: number | undefined;
  let latest = 0;
  for (const child of clusterChildren(bytes, start, end)) {
    if (child.id === IDS.clusterTimestamp) clusterTime = ebmlUnsigned(child.data);
    const isBlock = child.id === IDS.simpleBlock || child.id === IDS.blockGroup;
    // A block before the Timestamp means this was not a Cluster but bytes that look like one.
    if (isBlock && clusterTime === undefined) return undefined;
    if (child.id === IDS.simpleBlock) latest = Math.max(latest, blockEnd(child.data, 0));
    if (child.id === IDS.blockGroup) latest = Math.max(latest, blockGroupEnd(child.data));
  }
  return clusterTime === undefined ? undefined : clusterTime + latest;
}

/** Children of a Cluster, stopping where an unknown-size Cluster ends (at a top-level ID). */
function* clusterChildren(bytes: Uint8Array, start: number, end: number) {
  let offset = start;
  while (offset < end) {
    const header = parseEbmlHeader(bytes, offset);
    if (!header || header.size === undefined || TOP_LEVEL_IDS.has(header.id)) return;
    const dataStart = offset + header.headerBytes;
    if (dataStart + header.size > end) return;
    yield { id: header.id, data: bytes.subarray(dataStart, dataStart + header.size) };
    offset = dataStart + header.size;
  }
}

function blockEnd(data: Uint8Array, duration: number): number {
  return (ebmlBlockTimestamp(data) ?? 0) + duration;
}

function blockGroupEnd(data: Uint8Array): number {
  let block: Uint8Array | undefined;
  let duration = 0;
  for (const child of ebmlChildren(data, 0, data.byteLength)) {
    if (child.id === IDS.block) block = child.data;
    if (child.id === IDS.blockDuration) duration = ebmlUnsigned(child.data) ?? 0;
  }
  return block ? blockEnd(block, duration) : 0;
}

function audioOnly(declaredAsVideo: boolean, hasAudio: boolean): MediaRejectedError {
  const found = hasAudio ? 'only an audio track' : 'no video track';
  if (declaredAsVideo) {
    return new MediaRejectedError(
      'unsupported_codec',
      `The WebM holds ${found}, but a video was declared: upload a video with a picture ` +
        'track, or upload the sound as MP3 or WAV audio.',
    );
  }
  return new MediaRejectedError(
    'unsupported_media_type',
    `The bytes are audio/webm (a WebM with ${found}), which is not accepted: convert the audio ` +
      'to MP3 or WAV, or upload a video with a picture track.',
  );
}

function corrupt(problem: string): MediaRejectedError {
  return new MediaRejectedError(
    'corrupt_media',
    `The WebM cannot be read: ${problem}. Re-export the video and upload it again.`,
  );
}
