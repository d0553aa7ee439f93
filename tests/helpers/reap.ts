// A child process that must never outlive the test process, even when a timeout or a killed
// worker cuts the clean-up short: a tiny shell watchdog ends it once its parent is gone.
import { spawn, type ChildProcess } from 'node:child_process';

export function reapWithParent(child: ChildProcess) {
  if (!child.pid) return;
  const watchdog = spawn(
    '/bin/sh',
    [
      '-c',
      'while kill -0 "$1" 2>/dev/null && kill -0 "$2" 2>/dev/null; do sleep 1; done; kill -9 "$2" 2>/dev/null',
      'reap',
      String(process.pid),
      String(child.pid),
    ],
    { stdio: 'ignore', detached: true },
  );
  watchdog.unref();
}
