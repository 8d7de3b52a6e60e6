import { openHandlerLog } from './handler-log.ts';
import { localSettings } from './settings.ts';
import { startLocalStack } from './stack.ts';

/** `npm start`: the whole service on one machine, until Ctrl-C. */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const settings = localSettings();
const handlerLog = openHandlerLog(settings.handlerLogFile, settings.printHandlerLog);
const stack = await startLocalStack({ ...settings, demoReader: true, log: (line) => console.log(line), handlerLog: (line) => handlerLog.write(line) });
const clock = stack.clock;
console.log(`
Datewatch is running (clock: ${clock.mode}${clock.mode === 'replay' ? `, ${settings.clockSpeed}x` : ''}, now ${clock.now().toISOString()})
  API + subscribe page  ${stack.apiUrl}/
  events (JSON)         ${stack.apiUrl}/events
  calendar feed         ${stack.apiUrl}/events.ics
  stories (JSON)        ${stack.apiUrl}/stories  (a story's page: /stories/abe-putin-lima-2016)
  editors' console      ${stack.apiUrl}/console  (sign in locally)
  API description       ${stack.apiUrl}/openapi.json
  SES inbox             ${stack.sesUrl}/
  DynamoDB (dynalite)   ${stack.dynamoEndpoint}
  data                  ${settings.dataDir}  (delete it to start fresh)
  function logs         ${settings.handlerLogFile}${settings.printHandlerLog ? '  (printed here too)' : '  (npm start -- --logs prints them here)'}
  admin token           npm run --silent admin-token
Press Ctrl-C to stop.`);

const cursor = await stack.deps.jobStore.cursor();
if (cursor && cursor > clock.now()) {
  console.log(`\nnote: the data in ${settings.dataDir} was already dispatched up to ${cursor.toISOString()}, ahead of this clock;`
    + ' no mail will go out until the clock passes it. Delete that folder to replay the story from the start.');
}

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  console.log('\nstopping…');
  await stack.close();
  await handlerLog.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
