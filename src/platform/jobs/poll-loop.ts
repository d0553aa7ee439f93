// A background round run again and again (the outbox worker, the scheduler): never two rounds
// at once, the next one when the last says, and stop() waits for the round in hand.
export interface PollLoop<T> {
  runOnce(): Promise<T>;
  start(): void;
  stop(): Promise<void>;
}

export type RoundOutcome<T> = { result: T } | { error: unknown };

export function pollLoop<T>(round: (stopping: () => boolean) => Promise<T>, nextDelay: (outcome: RoundOutcome<T>) => number): PollLoop<T> {
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<T> | null = null;
  const runOnce = () => (running ??= round(() => stopping).finally(() => (running = null)));

  function schedule(delay: number) {
    if (stopping) return;
    timer = setTimeout(() => {
      runOnce().then(
        (result) => schedule(nextDelay({ result })),
        (error: unknown) => schedule(nextDelay({ error })),
      );
    }, delay);
  }

  return {
    runOnce,
    start: () => schedule(0),
    async stop() {
      stopping = true;
      clearTimeout(timer);
      await running?.catch(() => undefined);
    },
  };
}
