import type { Principal } from '../auth/api-keys.js';

/** Per-request values set by middleware. */
export type AppEnv = {
  Variables: {
    principal: Principal;
    requestId: string;
    /** Client address after the trusted-proxy rule. */
    clientIp: string;
  };
};
