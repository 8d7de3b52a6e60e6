/** Makes fresh identifiers; injected so tests and replays are repeatable. */
export type IdGenerator = (prefix: string) => string;
