import { join } from 'node:path';
import { parseClockMode, type ClockMode } from './clock.ts';

/** The local stack's settings, from the environment, checked once. */
export interface LocalSettings {
  port: number;
  sesPort: number;
  dynamoPort: number;
  dataDir: string;
  clockMode: ClockMode;
  clockSpeed: number;
  /** The functions' log and metric lines: always in this file; printed too with `npm start -- --logs` or LOGS=handlers. */
  handlerLogFile: string;
  printHandlerLog: boolean;
}

export function localSettings(env: NodeJS.ProcessEnv = process.env, argv: readonly string[] = process.argv.slice(2)): LocalSettings {
  const dataDir = env.DATA_DIR ?? join(process.cwd(), '.local');
  if (env.LOGS !== undefined && env.LOGS !== '' && env.LOGS !== 'handlers') throw new Error(`LOGS must be "handlers" (print the functions' log lines), not "${env.LOGS}"`);
  return {
    port: portOf(env, 'PORT', 3000),
    sesPort: portOf(env, 'SES_PORT', 8005),
    dynamoPort: portOf(env, 'DYNAMODB_PORT', 8000),
    dataDir,
    clockMode: parseClockMode(env.CLOCK),
    clockSpeed: positive(env, 'CLOCK_SPEED', 3600),
    handlerLogFile: join(dataDir, 'handlers.log'),
    printHandlerLog: env.LOGS === 'handlers' || argv.includes('--logs'),
  };
}

function portOf(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`${name} must be a port number (1-65535), not "${raw}"`);
  return n;
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, not "${raw}"`);
  return n;
}
