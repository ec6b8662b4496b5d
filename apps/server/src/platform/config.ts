import path from 'node:path';
import { z } from 'zod';
import { isMasterKeyEncoding } from './crypto.ts';

const ZMasterKey = (name: string) =>
  z
    .string()
    .refine(
      isMasterKeyEncoding,
      `${name} must be 32 random bytes in base64 or base64url (openssl rand -base64 32)`,
    );

export type TS3Location = {
  /** The S3 API's origin, e.g. https://s3.eu-west-1.amazonaws.com or http://127.0.0.1:9000. */
  endpoint: string;
  bucket: string;
  region: string;
  forcePathStyle: boolean;
  /** Null: the AWS SDK's own chain (AWS_ACCESS_KEY_ID…, a profile, an instance role). */
  credentials: { accessKeyId: string; secretAccessKey: string } | null;
};

const S3_URL_FORM = 'https://ACCESS_KEY:SECRET_KEY@host[:port]/bucket[?region=…&forcePathStyle=true|false]';
// S3's rules for bucket names (lower case, digits, dots and hyphens, 3 to 63 characters).
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/**
 * `S3_URL` names the endpoint, the bucket and the credentials in one value. The result is an error
 * message when it is malformed; the message never repeats the value (it holds a secret).
 */
export function parseS3Url(value: string): TS3Location | string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `S3_URL must look like ${S3_URL_FORM} (percent-encode / + @ : in the key and secret, e.g. / as %2F)`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return `S3_URL must start with https:// or http:// (the S3 endpoint): ${S3_URL_FORM}`;
  }
  const segments = url.pathname.split('/').filter(Boolean);
  const bucket = segments[0] ?? '';
  if (segments.length !== 1 || !BUCKET.test(bucket)) {
    return `S3_URL must name one bucket as its path (3 to 63 lower-case letters, digits, dots or hyphens): ${S3_URL_FORM}`;
  }
  let accessKeyId: string;
  let secretAccessKey: string;
  try {
    accessKeyId = decodeURIComponent(url.username);
    secretAccessKey = decodeURIComponent(url.password);
  } catch {
    return 'S3_URL holds a key or secret that is not valid percent-encoding';
  }
  if (Boolean(accessKeyId) !== Boolean(secretAccessKey)) {
    return 'S3_URL must give both the access key and the secret (KEY:SECRET@), or neither to use the AWS credential chain';
  }
  const options = new Map(url.searchParams);
  const unknown = [...options.keys()].filter((k) => k !== 'region' && k !== 'forcePathStyle');
  if (unknown.length > 0) {
    return `S3_URL accepts only the options region and forcePathStyle (not ${unknown.join(', ')})`;
  }
  const pathStyle = options.get('forcePathStyle') ?? 'true';
  if (pathStyle !== 'true' && pathStyle !== 'false') {
    return 'S3_URL option forcePathStyle must be true or false';
  }
  const region = options.get('region') ?? 'us-east-1';
  if (!/^[a-z0-9-]{1,40}$/.test(region)) {
    return 'S3_URL option region must be a region name such as eu-west-1';
  }
  return {
    endpoint: url.origin,
    bucket,
    region,
    forcePathStyle: pathStyle === 'true',
    credentials: accessKeyId ? { accessKeyId, secretAccessKey } : null,
  };
}

const ZS3Url = z.string().transform((value, ctx): TS3Location => {
  const parsed = parseS3Url(value);
  if (typeof parsed === 'string') {
    ctx.addIssue({ code: 'custom', message: parsed });
    return z.NEVER;
  }
  return parsed;
});

const ZConfig = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: z.url().optional(),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres://')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(200).default(10),
  REDIS_URL: z.string().optional(),
  S3_URL: ZS3Url.optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Parley <parley@localhost>'),
  PARLEY_MASTER_KEY: ZMasterKey('PARLEY_MASTER_KEY').optional(),
  PARLEY_MASTER_KEY_PREVIOUS: ZMasterKey('PARLEY_MASTER_KEY_PREVIOUS').optional(),
  METRICS_TOKEN: z.string().min(16, 'METRICS_TOKEN must be at least 16 characters').optional(),
  WIDGET_BOOT_RATE_LIMIT: z.coerce.number().int().min(1).default(60),
  VISITOR_MESSAGE_RATE_LIMIT: z.coerce.number().int().min(1).default(60),
  REALTIME_PING_MS: z.coerce.number().int().min(100).default(25_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

export type TConfig = z.infer<typeof ZConfig> & { publicUrl: string; dataDir: string };

export function loadConfig(env: Record<string, string | undefined> = process.env): TConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ZConfig.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  return {
    ...c,
    dataDir: path.resolve(c.DATA_DIR),
    publicUrl: (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/$/, ''),
  };
}
