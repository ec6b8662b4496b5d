import type { DestinationStream, Logger } from 'pino';
import { authenticate } from './accounts/authenticate.ts';
import { accountsRoutes } from './accounts/routes.ts';
import { issueSetupLink } from './accounts/service.ts';
import { cannedResponsesRoutes } from './canned-responses/routes.ts';
import { channelsRoutes } from './channels/routes.ts';
import { DELIVERY_ATTEMPTS, deliverMessage } from './channels/service.ts';
import { websiteChannel } from './channels/website/channel.ts';
import { contactsRoutes } from './contacts/routes.ts';
import { attachmentRoutes } from './conversations/attachment-routes.ts';
import { conversationsRoutes } from './conversations/routes.ts';
import { unassignUser, WAKE_SNOOZED_JOB, wakeSnoozedConversation } from './conversations/service.ts';
import { PRUNE_EVENTS_JOB, pruneOldEvents } from './events/service.ts';
import { filesRoutes } from './files/routes.ts';
import { registerUploads } from './files/upload.ts';
import { inboxesRoutes } from './inboxes/routes.ts';
import { jobsRoutes } from './jobs/routes.ts';
import { labelsRoutes } from './labels/routes.ts';
import { mailRoutes } from './mail/routes.ts';
import { deliverMail, MAIL_JOB, warnWithoutSmtp } from './mail/service.ts';
import { notificationsRoutes } from './notifications/routes.ts';
import { registerDashboard } from './ops/dashboard.ts';
import { registerOpenApi } from './ops/openapi.ts';
import { opsRoutes } from './ops/routes.ts';
import { createChannels, DELIVER_MESSAGE_JOB } from './platform/channels.ts';
import type { TConfig } from './platform/config.ts';
import type { Platform } from './platform/context.ts';
import { loadMasterKey, parseMasterKey } from './platform/crypto.ts';
import { migrateDatabase, openDatabase } from './platform/db.ts';
import { createFileStore } from './platform/file-store.ts';
import { createHooks } from './platform/hooks.ts';
import { createHttpServer } from './platform/http.ts';
import { createJobs } from './platform/jobs.ts';
import { createLogger } from './platform/logging.ts';
import { createMetrics } from './platform/metrics.ts';
import { createHub } from './platform/realtime.ts';
import { createSealer } from './platform/sealing.ts';
import { realtimeRoutes } from './realtime/routes.ts';
import { searchRoutes } from './search/routes.ts';
import { teamsRoutes } from './teams/routes.ts';
import { removeUserFromTeams } from './teams/service.ts';
import { tokensRoutes } from './tokens/routes.ts';
import { widgetRoutes } from './widget/routes.ts';
import { workspacesRoutes } from './workspaces/routes.ts';
import { createWorkspaceWithOwner } from './workspaces/service.ts';

export type TStartOptions = {
  config: TConfig;
  log?: Logger;
  /** Where log lines go when no logger is given (standard output by default). */
  logDestination?: DestinationStream;
  /** Keep the database in memory (tests on PGlite). */
  inMemory?: boolean;
  jobPollingSeconds?: number;
  dashboardDist?: string;
};

/** Opens the database, migrates, and starts the job system: everything but HTTP. */
export async function startPlatform(opts: TStartOptions): Promise<Platform> {
  const { config } = opts;
  const log = opts.log ?? createLogger(config.LOG_LEVEL, opts.logDestination);
  // First, so that an unusable bucket stops the start before anything else is open.
  const files = await createFileStore(config);
  const database = await openDatabase({
    url: config.DATABASE_URL,
    dataDir: opts.inMemory ? undefined : config.dataDir,
    poolSize: config.DATABASE_POOL_SIZE,
  });
  await migrateDatabase(database);
  const master = loadMasterKey(config.PARLEY_MASTER_KEY, config.dataDir);
  const previous = config.PARLEY_MASTER_KEY_PREVIOUS
    ? [parseMasterKey(config.PARLEY_MASTER_KEY_PREVIOUS)]
    : [];
  const sealer = createSealer(master, previous);
  const jobs = createJobs(database, log, { pollingIntervalSeconds: opts.jobPollingSeconds ?? 2 });
  const hub = await createHub({ redisUrl: config.REDIS_URL, log });
  const platform: Platform = {
    hub,
    config,
    database,
    db: database.db,
    jobs,
    sealer,
    files,
    metrics: createMetrics(),
    log,
    channels: createChannels(),
    hooks: createHooks(),
  };
  platform.channels.register(websiteChannel);
  registerHooks(platform);
  warnWithoutSmtp(platform);
  jobs.register(MAIL_JOB, (data) => deliverMail(platform, data), { retryLimit: 8, retryDelaySeconds: 15 });
  jobs.register(WAKE_SNOOZED_JOB, (data) => wakeSnoozedConversation(platform, data), { retryLimit: 5 });
  jobs.register(DELIVER_MESSAGE_JOB, (data, job) => deliverMessage(platform, data, job), {
    retryLimit: DELIVERY_ATTEMPTS - 1,
    retryDelaySeconds: 10,
  });
  jobs.register(PRUNE_EVENTS_JOB, () => pruneOldEvents(platform), { cron: '17 3 * * *', retryLimit: 2 });
  await jobs.start();
  // Jobs are enqueued inside tenant transactions, which run as the restricted role.
  await database.executeSql(
    'grant usage on schema pgboss to parley_tenant; grant select, insert, update on all tables in schema pgboss to parley_tenant; grant execute on all functions in schema pgboss to parley_tenant',
  );
  if (previous.length > 0) {
    const { rewrapped } = await sealer.rotate(database.db);
    log.info({ rewrapped }, 'workspace data keys re-wrapped with the current master key');
  }
  return platform;
}

/** How features react to lower features' changes, inside the transaction of the change. */
function registerHooks(platform: Platform) {
  platform.hooks.on('setup.completed', async ({ tx, userId, workspaceName }) => {
    await createWorkspaceWithOwner(tx, workspaceName, userId);
  });
  platform.hooks.on('member.removed', ({ tx, workspaceId, userId }) =>
    removeUserFromTeams(tx, workspaceId, userId),
  );
  platform.hooks.on('member.removed', ({ tx, workspaceId, userId }) => unassignUser(tx, workspaceId, userId));
}

export async function buildApp(platform: Platform, opts: { dashboardDist?: string } = {}) {
  const app = await createHttpServer({
    log: platform.log,
    metrics: platform.metrics,
    trustProxy: platform.config.TRUST_PROXY,
    isHttps: platform.config.publicUrl.startsWith('https://'),
  });
  app.decorateRequest('ctx', null as never);
  app.addHook('onRequest', authenticate(platform));
  await registerOpenApi(app);
  await opsRoutes(app, platform);
  await accountsRoutes(app);
  await workspacesRoutes(app);
  await tokensRoutes(app);
  await mailRoutes(app);
  await jobsRoutes(app);
  await registerUploads(app);
  await inboxesRoutes(app);
  await channelsRoutes(app);
  await contactsRoutes(app);
  await labelsRoutes(app);
  await teamsRoutes(app);
  await cannedResponsesRoutes(app);
  await conversationsRoutes(app);
  await searchRoutes(app);
  await notificationsRoutes(app);
  await attachmentRoutes(app, platform);
  await filesRoutes(app, platform);
  await widgetRoutes(app, platform);
  await realtimeRoutes(app, platform);
  await registerDashboard(app, opts.dashboardDist);
  return app;
}

export async function stopPlatform(platform: Platform) {
  await platform.jobs.stop();
  await platform.hub.close();
  await platform.database.close();
  await platform.files.close();
}

export { issueSetupLink };
