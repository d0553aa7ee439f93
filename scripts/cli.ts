// `npm run cli -- <command> [options]`: administration from the shell. Each command lives
// in scripts/commands/<name>.ts and exports { name, summary, usage, run }.
import { parseArgs } from 'node:util';
import { config } from '~/platform/config/config';
import { openDb, prepareConnection } from '~/platform/db/db.server';
import { applyMigrations } from '~/platform/db/migrate.server';
import { commands, type Command } from './commands';

function help() {
  console.log('Usage: npm run cli -- <command> [options]\n\nCommands:');
  for (const c of commands) console.log(`  ${c.usage}\n      ${c.summary}`);
  console.log('  help\n      This list.');
}

async function main() {
  const [name, ...rest] = process.argv.slice(2);
  if (!name || name === 'help' || name === '--help') return help();
  const command: Command | undefined = commands.find((c) => c.name === name);
  if (!command) {
    console.error(`Unknown command "${name}".`);
    help();
    process.exitCode = 2;
    return;
  }
  const { values, positionals } = parseArgs({ args: rest, options: command.options ?? {}, allowPositionals: true, strict: true });
  const db = openDb();
  await prepareConnection(db, config.databaseUrl);
  // Backups and restores take the database as it is: migrating is the server's job at start.
  if (command.migrate !== false) await applyMigrations(db);
  try {
    process.exitCode = (await command.run(db, values as Record<string, string | boolean | undefined>, positionals)) ?? 0;
  } finally {
    // raw: closing the connection is the client's (drizzle has no close).
    db.$client.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
