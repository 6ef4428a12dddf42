/** The loopback provider in its own process, so it does not share an event loop with the gateway. */
import { startFakeUpstream } from '../../test/support/fake-upstream.js';

// A long run must not keep every request it served.
const up = await startFakeUpstream({ keepRequests: false });
console.log(`upstream ${up.url}`);
process.on('SIGTERM', () => void up.close().then(() => process.exit(0)));
