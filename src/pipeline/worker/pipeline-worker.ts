import { parentPort, workerData } from 'node:worker_threads';
import { LocalKeyProvider } from '../../crypto/local-key-provider.js';
import { createPipeline } from '../build.js';
import { processBody } from './process-body.js';
import type { BodyJob, BodyResult, WorkerInit } from './protocol.js';

// Built from the same config as the main thread's pipeline, so both produce identical events.
const init = workerData as WorkerInit;
const pipeline = createPipeline(
  init.config,
  new LocalKeyProvider(init.keyDir),
  Buffer.from(init.fingerprintKey, 'base64'),
);

parentPort!.on('message', (job: BodyJob) => {
  let result: BodyResult;
  try {
    result = processBody(pipeline, job);
  } catch (e) {
    result = { id: job.id, ok: false, crash: (e as Error).name };
  }
  parentPort!.postMessage(result);
});
