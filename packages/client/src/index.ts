// The address rules and URL errors of upload-from-URL live in core, shared with the server.
export {
  ADDRESS_KIND_DESCRIPTIONS,
  type AddressKind,
  type AddressPolicy,
  CLOUD_METADATA_ADDRESSES,
  classifyAddress,
  isForbiddenAddress,
  MAX_SOURCE_REDIRECTS,
  UrlSourceError,
  type UrlSourceErrorCode,
} from '@heygen-assets/core';
export type { AssetCacheKey, AssetIdCache, CachedAsset } from './cache/asset-id-cache.js';
export {
  type AssetIdCacheOptions,
  DEFAULT_REVALIDATE_AFTER_MS,
  NO_CACHE_ENV,
} from './cache/cache-options.js';
export { defaultCacheDir } from './cache/default-cache-dir.js';
export {
  ASSET_ID_CACHE_FILE,
  FileAssetIdCache,
  MAX_CACHED_ASSETS,
} from './cache/file-asset-id-cache.js';
export { MemoryAssetIdCache } from './cache/memory-asset-id-cache.js';
export { spaceOfApiKey } from './cache/space-of-key.js';
export type { HeygenAssetsOptions } from './client-options.js';
export { DEFAULT_BASE_URL, DEFAULT_TIMEOUT_MS } from './client-options.js';
export { ApiError, type ApiErrorDetails } from './errors/api-error.js';
export { NetworkError, type NetworkErrorCode } from './errors/network-error.js';
export { TimeoutError } from './errors/timeout-error.js';
export { UnexpectedResponseError } from './errors/unexpected-response-error.js';
export { type CallOptions, HeygenAssets } from './heygen-assets.js';
export type { GetUploadUrlOptions, UploadUrl } from './operations/get-upload-url.js';
export type { UploadedAsset } from './operations/put-upload.js';
export type { UploadFileOptions } from './operations/upload-options.js';
export type {
  ImageOptimization,
  OptimizedImageType,
} from './optimize/optimize-image.js';
export {
  DEFAULT_JPEG_QUALITY,
  DEFAULT_OPTIMIZE_BACKGROUND,
  DEFAULT_OPTIMIZE_FIT,
  IMAGE_FITS,
  type ImageFit,
  OPTIMIZED_FORMATS,
  type OptimizedFormat,
  type OptimizeOptions,
} from './optimize/optimize-options.js';
export { OptimizerUnavailableError } from './optimize/optimizer-unavailable-error.js';
export {
  DEFAULT_RETRIES,
  DEFAULT_RETRY_AFTER_CAP_MS,
  DEFAULT_RETRY_BASE_DELAY_MS,
  DEFAULT_RETRY_MAX_DELAY_MS,
  RETRY_KINDS,
  RETRYABLE_METHODS,
  type RetryableMethod,
  type RetryEvent,
  type RetryKind,
  type RetryOptions,
  type RetryReason,
} from './retry/retry-options.js';
export { StreamNotRetriedError } from './retry/stream-not-retried-error.js';
export { MAX_UPLOAD_URL_REFRESHES } from './retry/with-fresh-upload-url.js';
export type { UploadSource } from './source/prepared-upload.js';
export type { ProgressListener } from './source/upload-meter.js';
export type { ResolveHost } from './url/source-address.js';
export type { UploadFromUrlOptions } from './url/upload-from-url.js';
export type { Asset, AssetStatus, FailureReason } from './v3/asset.js';
export {
  type AssetStatusEntry,
  type AssetStatusValue,
  MAX_IDS_PER_STATUS_REQUEST,
  type StatusesOptions,
} from './v3/asset-statuses.js';
export type { BatchItem, BatchItemStatus, BatchStatus } from './v3/batch-status.js';
export type { DeletedAsset } from './v3/get-asset.js';
export type { AssetPage, ListAssetsOptions } from './v3/list-assets.js';
export {
  type BatchFile,
  type BatchUploadItem,
  type BatchUploadSummary,
  DEFAULT_BATCH_CONCURRENCY,
  MAX_BATCH_FILES,
  type UploadBatchOptions,
} from './v3/upload-batch.js';
export type { UploadFileDirectOptions } from './v3/upload-file-direct.js';
export {
  BATCH_POLL_FIRST_DELAY_MS,
  BATCH_POLL_MAX_DELAY_MS,
  DEFAULT_BATCH_POLL_TIMEOUT_MS,
} from './v3/wait-for-batch.js';
export { type AssetReference, isAssetId } from './video/asset-reference.js';
export type { CatalogueAvatar } from './video/avatar-list.js';
export {
  colorBackground,
  type ImageBackgroundOptions,
  imageBackground,
  isColor,
  type VideoBackgroundOptions,
  videoBackground,
} from './video/background-builders.js';
export type { DownloadProgressListener } from './video/byte-meter.js';
export { DEFAULT_AVATAR_ID, DEFAULT_VOICE_ID } from './video/catalogue-ids.js';
export {
  type AvatarOptions,
  avatar,
  type PlacementOptions,
  type TalkingPhotoOptions,
  talkingPhoto,
} from './video/character-builders.js';
export { DownloadInterruptedError } from './video/download-interrupted-error.js';
export type { DownloadDestination } from './video/download-sink.js';
export type { DownloadedVideo, DownloadOptions } from './video/download-video.js';
export type { ScriptParts, ScriptRole } from './video/from-script.js';
export type { GeneratedVideo, GenerateOptions } from './video/generate-video.js';
export {
  checkDownloadPath,
  LocalFileError,
  type LocalFileErrorCode,
} from './video/local-file-error.js';
export {
  MAX_SCENES,
  type SceneParts,
  scene,
  type VideoRequestOptions,
  videoRequest,
} from './video/request-builders.js';
export type {
  AudioVoice,
  AvatarCharacter,
  AvatarStyle,
  BackgroundFit,
  ColorBackground,
  ImageBackground,
  PlayStyle,
  SilenceVoice,
  TalkingPhotoCharacter,
  TalkingPhotoStyle,
  TextVoice,
  VideoBackground,
  VideoCharacter,
  VideoClipBackground,
  VideoDimension,
  VideoOffset,
  VideoRequest,
  VideoScene,
  VideoVoice,
} from './video/video-body.js';
export {
  MAX_VIDEO_SIDE_PX,
  MIN_VIDEO_SIDE_PX,
  parseVideoDimension,
  videoDimension,
} from './video/video-dimension.js';
export { VideoFailedError } from './video/video-failed-error.js';
export {
  VIDEO_STATUSES,
  type VideoFailure,
  type VideoStatus,
  type VideoStatusValue,
} from './video/video-status.js';
export { VideoWaitTimeoutError } from './video/video-wait-timeout-error.js';
export type { FromScriptOptions, ScriptVideo, Videos } from './video/videos.js';
export { audioVoice, silence, type TextVoiceOptions, textVoice } from './video/voice-builders.js';
export type { CatalogueVoice } from './video/voice-list.js';
export {
  DEFAULT_VIDEO_WAIT_TIMEOUT_MS,
  VIDEO_POLL_FIRST_DELAY_MS,
  VIDEO_POLL_MAX_DELAY_MS,
  type WaitOptions,
} from './video/wait-for-video.js';
