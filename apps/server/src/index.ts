import { buildApp, issueSetupLink, startPlatform, stopPlatform } from './app.ts';
import { loadConfig } from './platform/config.ts';

/** `npm start`: migrate, start jobs, serve; Ctrl-C lets requests and jobs finish, then closes the database. */
async function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
  const platform = await startPlatform({ config });
  const app = await buildApp(platform);
  await app.listen({ port: config.PORT, host: config.HOST });
  platform.log.info(
    { url: config.publicUrl, engine: platform.database.engine },
    `Parley is running at ${config.publicUrl}/app`,
  );
  const setupLink = await issueSetupLink(platform);
  if (setupLink) {
    // Printed plainly so it is easy to copy from a terminal.
    process.stdout.write(
      `\n  Welcome to Parley. Open this one-time link to create the owner account:\n\n  ${setupLink}\n\n`,
    );
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) {
      return;
    }
    stopping = true;
    platform.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      platform.log.error('shutdown took too long; exiting');
      process.exit(1);
    }, 30_000);
    try {
      await app.close();
      await stopPlatform(platform);
      clearTimeout(timer);
      process.exit(0);
    } catch (err) {
      platform.log.error({ err }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
