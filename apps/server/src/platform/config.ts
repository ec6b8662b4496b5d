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
