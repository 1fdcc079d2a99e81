// better-sqlite3 is synchronous and a process holds one connection. The storage ports are async (so
// PostgreSQL can implement them), and the article store's unit of work is held open across awaits:
// any other statement run on the connection meanwhile would run inside that transaction (and be
// rolled back with it). So every call on a SQLite connection takes its turn in one lane per
// connection. When the lane is idle, a call runs at once: the common case costs no extra waiting.

interface Lane {
  /** Calls queued or running. */
  busy: number;
  tail: Promise<void>;
}

const lanes = new WeakMap<object, Lane>();

function laneOf(client: object): Lane {
  let lane = lanes.get(client);
  if (lane === undefined) lanes.set(client, (lane = { busy: 0, tail: Promise.resolve() }));
  return lane;
}

function enqueue<T>(lane: Lane, work: () => T | Promise<T>): Promise<T> {
  lane.busy += 1;
  const run = lane.tail.then(work);
  const done = (): void => {
    lane.busy -= 1;
  };
  lane.tail = run.then(done, done);
  return run;
}

/** Runs synchronous work on the connection in its turn. */
export function serial<T>(client: object, work: () => T): Promise<T> {
  const lane = laneOf(client);
  if (lane.busy > 0) return enqueue(lane, work);
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

/** Runs async work (a transaction held across awaits) with the connection to itself until it settles. */
export function serialAsync<T>(client: object, work: () => Promise<T>): Promise<T> {
  return enqueue(laneOf(client), work);
}

type SyncOf<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => R : T[K];
};

/** An async port implemented by a synchronous SQLite repository: each method takes its turn on the connection. */
export function serialised<T extends object>(client: object, impl: SyncOf<T>): T {
  const out: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(impl)) {
    out[name] =
      typeof fn === 'function'
        ? (...args: unknown[]) => serial(client, () => (fn as (...a: unknown[]) => unknown)(...args))
        : fn;
  }
  return out as T;
}

/** The same, for what runs inside a transaction that already holds the connection: no turn to wait for. */
export function holding<T extends object>(impl: SyncOf<T>): T {
  const out: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(impl)) {
    out[name] =
      typeof fn === 'function'
        ? (...args: unknown[]) => {
            try {
              return Promise.resolve((fn as (...a: unknown[]) => unknown)(...args));
            } catch (error) {
              return Promise.reject(error instanceof Error ? error : new Error(String(error)));
            }
          }
        : fn;
  }
  return out as T;
}
