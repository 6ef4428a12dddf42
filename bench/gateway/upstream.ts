/** Child process for bench/gateway: the loopback fake provider, on its own event loop. */
import { startFakeUpstream } from '../../test/support/fake-upstream.js';

const up = await startFakeUpstream({ keepRequests: false });
process.stdout.write(`listening ${up.url}\n`);
process.on('SIGTERM', () => void up.close().then(() => process.exit(0)));
