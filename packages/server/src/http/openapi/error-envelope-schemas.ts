import { ERROR_STATUS, type ErrorCode } from '@heygen-assets/core';
import { z } from 'zod';
import type { Dialect } from '../dialect.js';
import {
  RAW_CODE_ASSET_DATA_MISSING,
  RAW_CODE_INVALID_PARAMETER,
  RAW_CODE_UNAUTHORIZED,
} from '../envelopes.js';

/**
 * The error envelope of each dialect, as `errorEnvelope` in `../envelopes.ts` renders it: one
 * schema per dialect, shared by every operation of that dialect. The `id` makes each a named
 * component of `/openapi.json`.
 */
const errorCode = z
  .enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]])
  .meta({ id: 'ErrorCode', description: 'A stable error code; README.md lists them.' });

const presignedError = z
  .object({
    error: z.string().meta({ description: 'What went wrong and what to do about it.' }),
    code: errorCode,
    data: z.null(),
  })
  .meta({ id: 'PresignedError', description: 'An error of the presigned dialect (SPEC §4).' });

const rawError = z
  .object({
    code: z.union([
      z.literal(RAW_CODE_ASSET_DATA_MISSING),
      z.literal(RAW_CODE_UNAUTHORIZED),
      z.literal(RAW_CODE_INVALID_PARAMETER),
    ]),
    message: z.string().meta({
      description: `For ${RAW_CODE_INVALID_PARAMETER}, starts with the error code and a colon.`,
    }),
    data: z.null(),
  })
  .meta({
    id: 'RawError',
    description:
      `An error of the raw upload dialect (SPEC §5): ${RAW_CODE_ASSET_DATA_MISSING} no file, ` +
      `${RAW_CODE_UNAUTHORIZED} bad key, ${RAW_CODE_INVALID_PARAMETER} anything else.`,
  });

const v3Error = z
  .object({
    error: z.object({
      code: errorCode,
      message: z.string(),
      param: z
        .string()
        .optional()
        .meta({ description: 'The request field, query parameter or header at fault.' }),
    }),
  })
  .meta({ id: 'V3Error', description: 'An error of the v3 dialect (SPEC §6).' });

const v2Error = z
  .object({ error: z.object({ code: errorCode, message: z.string() }), data: z.null() })
  .meta({
    id: 'V2Error',
    description:
      'An error of the video dialect (SPEC §9); a refused body lists every problem with its path.',
  });

const plainError = z
  .object({ error: z.object({ code: errorCode, message: z.string() }) })
  .meta({ id: 'PlainError', description: 'An error of the files host and the service routes.' });

const ERROR_ENVELOPES: Readonly<Record<Dialect, z.ZodType>> = {
  presigned: presignedError,
  raw: rawError,
  v3: v3Error,
  v2: v2Error,
  files: plainError,
  plain: plainError,
};

/** The error body a route of `dialect` answers with. */
export function errorEnvelopeSchema(dialect: Dialect): z.ZodType {
  return ERROR_ENVELOPES[dialect];
}
