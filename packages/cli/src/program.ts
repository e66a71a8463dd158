import { createRequire } from 'node:module';
import { Command } from 'commander';
import { registerCacheCommand } from './commands/cache.js';
import { registerDeleteCommand } from './commands/delete.js';
import { registerGetCommand } from './commands/get.js';
import { registerListCommand } from './commands/list.js';
import { registerServeCommand } from './commands/serve.js';
import { registerStatusCommand } from './commands/status.js';
import { registerUploadCommand } from './commands/upload.js';
import { registerUploadUrlCommand } from './commands/upload-url.js';
import { registerVideoCommand } from './commands/video.js';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

/** The `heygen-assets` command with every subcommand. Usage errors throw instead of exiting. */
export function buildProgram(): Command {
  const program = new Command('heygen-assets')
    .description('Self-hostable asset service for AI video generation')
    .version(version)
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)');

  registerServeCommand(program);
  registerUploadCommand(program);
  registerUploadUrlCommand(program);
  registerListCommand(program);
  registerGetCommand(program);
  registerDeleteCommand(program);
  registerStatusCommand(program);
  registerCacheCommand(program);
  registerVideoCommand(program);
  return program;
}
