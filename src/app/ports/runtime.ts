// The clock and the log every use case is given; tests pass a manual clock and a recorder.

export type Clock = () => Date;

/** A pino-compatible subset, so tests can pass a recorder. */
export interface Logger {
  debug(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}
