// Runtime configuration, read from the environment once, when the server starts. The schema
// (schema.ts) says what each variable accepts; a wrong value throws a ConfigError, which
// `npm start` prints before it exits with status 1.
import { parseConfig } from './schema';

export { ConfigError, parseConfig, type Config } from './schema';

export const config = parseConfig(process.env);
