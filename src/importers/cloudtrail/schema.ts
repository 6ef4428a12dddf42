import { z } from 'zod';

/** The CloudTrail record fields Sightline reads (CloudTrail record contents, version 1.x). */
export const cloudTrailRecordSchema = z
  .object({
    eventVersion: z.string().optional(),
    eventTime: z.string(),
    eventSource: z.string(),
    eventName: z.string(),
    awsRegion: z.string().optional(),
    sourceIPAddress: z.string().optional(),
    userAgent: z.string().optional(),
    userIdentity: z
      .object({
        type: z.string().optional(),
        principalId: z.string().optional(),
        arn: z.string().optional(),
        accountId: z.string().optional(),
        accessKeyId: z.string().optional(),
        userName: z.string().optional(),
        invokedBy: z.string().optional(),
        sessionContext: z
          .object({
            sessionIssuer: z.object({ arn: z.string().optional() }).loose().optional(),
            attributes: z.object({ mfaAuthenticated: z.string().optional() }).loose().optional(),
          })
          .loose()
          .optional(),
      })
      .loose()
      .optional(),
    errorCode: z.string().optional(),
    errorMessage: z.string().optional(),
    requestParameters: z.record(z.string(), z.unknown()).nullish(),
    responseElements: z.record(z.string(), z.unknown()).nullish(),
    requestID: z.string().optional(),
    eventID: z.string().optional(),
    readOnly: z.boolean().optional(),
    eventType: z.string().optional(),
    managementEvent: z.boolean().optional(),
    eventCategory: z.string().optional(),
    recipientAccountId: z.string().optional(),
    resources: z
      .array(z.object({ ARN: z.string().optional(), type: z.string().optional() }).loose())
      .optional(),
  })
  .loose();
export type CloudTrailRecord = z.infer<typeof cloudTrailRecordSchema>;
