import { createRequire } from 'node:module';
import { startChildServer, type ChildServer } from './child-server.ts';

const require = createRequire(import.meta.url);

/** dynalite: a DynamoDB-protocol server, in memory or on LevelDB under `path`. */
export function startDynalite({ port, path }: { port: number; path?: string }): Promise<ChildServer> {
  const cli = require.resolve('dynalite/cli.js');
  const args = ['--port', String(port), '--host', '127.0.0.1', '--createTableMs', '0', '--deleteTableMs', '0', '--updateTableMs', '0'];
  if (path) args.push('--path', path);
  return startChildServer('dynalite', cli, args, port);
}
