import { z } from 'zod';

/**
 * The fields of a Bedrock `ModelInvocationLog` record that Sightline reads. Other fields are
 * allowed (the schema grows); the bodies are free-form JSON whose shape depends on the model.
 */
export const invocationLogSchema = z
  .object({
    schemaType: z.literal('ModelInvocationLog'),
    schemaVersion: z.string().optional(),
    timestamp: z.string(),
    accountId: z.string().optional(),
    identity: z.object({ arn: z.string() }).loose().optional(),
    region: z.string().optional(),
    requestId: z.string().optional(),
    operation: z.string().optional(),
    modelId: z.string(),
    inferenceRegion: z.string().optional(),
    errorCode: z.string().optional(),
    input: z
      .object({
        inputContentType: z.string().optional(),
        inputBodyJson: z.unknown().optional(),
        inputBodyS3Path: z.string().optional(),
        inputTokenCount: z.number().nonnegative().optional(),
      })
      .loose()
      .optional(),
    output: z
      .object({
        outputContentType: z.string().optional(),
        outputBodyJson: z.unknown().optional(),
        outputBodyS3Path: z.string().optional(),
        outputTokenCount: z.number().nonnegative().optional(),
      })
      .loose()
      .optional(),
  })
  .loose();
export type InvocationLog = z.infer<typeof invocationLogSchema>;
