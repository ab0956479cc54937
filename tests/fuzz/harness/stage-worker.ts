// Worker-thread side of the bounded runner: runs each requested stage and reports its outcome, the
// time it took and the heap it left, so the parent can enforce time and memory bounds.
import { parentPort } from 'node:worker_threads';
import { getHeapStatistics } from 'node:v8';
import { runStage } from './stages.ts';
import type { StageCall } from './stages.ts';

type Request = { id: number; call: StageCall } | { ping: number };

const port = parentPort;
if (port === null) throw new Error('stage-worker must run in a worker thread');

port.on('message', (request: Request) => {
  // A ping answered while a call is outstanding means the event loop is free: the call's promise
  // never settled (a stall), as opposed to synchronous code still running (a hang).
  if ('ping' in request) {
    port.postMessage({ pong: request.ping });
    return;
  }
  const started = performance.now();
  void runStage(request.call).then((outcome) => {
    port.postMessage({
      id: request.id,
      outcome,
      ms: performance.now() - started,
      heapMb: getHeapStatistics().used_heap_size / 1048576,
    });
  });
});
port.postMessage({ ready: true });
