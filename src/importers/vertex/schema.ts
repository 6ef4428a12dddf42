import { z } from 'zod';

/** The Cloud Logging `LogEntry` fields, with an `AuditLog` payload, that Sightline reads. */
export const auditLogEntrySchema = z
  .object({
    insertId: z.string().optional(),
    logName: z.string().optional(),
    timestamp: z.string(),
    severity: z.string().optional(),
    resource: z
      .object({ type: z.string().optional(), labels: z.record(z.string(), z.string()).optional() })
      .loose()
      .optional(),
    protoPayload: z
      .object({
        serviceName: z.string(),
        methodName: z.string(),
        resourceName: z.string().optional(),
        status: z
          .object({ code: z.number().int().optional(), message: z.string().optional() })
          .loose()
          .optional(),
        authenticationInfo: z
          .object({
            principalEmail: z.string().optional(),
            principalSubject: z.string().optional(),
            serviceAccountKeyName: z.string().optional(),
            serviceAccountDelegationInfo: z.array(z.unknown()).optional(),
          })
          .loose()
          .optional(),
        requestMetadata: z
          .object({ callerIp: z.string().optional(), callerSuppliedUserAgent: z.string().optional() })
          .loose()
          .optional(),
        authorizationInfo: z
          .array(
            z
              .object({
                resource: z.string().optional(),
                permission: z.string().optional(),
                granted: z.boolean().optional(),
              })
              .loose(),
          )
          .optional(),
        request: z.record(z.string(), z.unknown()).optional(),
        response: z.record(z.string(), z.unknown()).optional(),
      })
      .loose(),
  })
  .loose();
export type AuditLogEntry = z.infer<typeof auditLogEntrySchema>;
