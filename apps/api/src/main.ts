import { Logger } from '@nestjs/common';
import { buildCrmPackage, CRM_DEMO_PASSWORD } from '@platform/crm-template';
import { createPlatform, seedCrmIfEmpty } from './bootstrap';
import { readSettings } from './common/settings';

async function main() {
  const settings = readSettings();
  const logger = new Logger('Main');
  const platform = await createPlatform(settings);
  if (settings.seedCrm) await seedCrmIfEmpty(platform, () => buildCrmPackage({ withDemo: true }), CRM_DEMO_PASSWORD);
  await platform.app.listen(settings.port, settings.host);
  logger.log(`Platform ready at http://${settings.host}:${settings.port} (API docs at /api/docs)`);
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.log(`${signal}: shutting down`);
    await platform.close().catch((e) => logger.error(e));
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
