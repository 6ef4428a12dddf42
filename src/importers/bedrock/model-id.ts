/**
 * Bedrock's `modelId` may be a base model id, a cross-region inference profile (`us.` prefix), or
 * an ARN of a foundation model, inference profile, provisioned throughput or imported model. The
 * canonical `model` is the base model id when it can be read (so prices and per-model rules find
 * it), and `deployment` keeps what the caller actually invoked when that was something else.
 */
export function splitModelId(modelId: string): { model: string; deployment?: string; vendor?: string } {
  let id = modelId;
  let deployment: string | undefined;
  const arn = /^arn:aws[a-z-]*:bedrock:[^:]*:[^:]*:([a-z-]+)\/(.+)$/.exec(modelId);
  if (arn) {
    const [, kind, rest] = arn;
    if (kind === 'foundation-model') id = rest!;
    else {
      deployment = modelId;
      id = kind === 'inference-profile' || kind === 'application-inference-profile' ? rest! : modelId;
    }
  }
  const profile = /^(us|eu|apac|us-gov|ca|jp|au|global)\.(.+)$/.exec(id);
  if (profile) {
    deployment ??= id;
    id = profile[2]!;
  }
  const vendor = /^([a-z0-9-]+)\.[a-z0-9]/.exec(id)?.[1];
  return { model: id, deployment, vendor: id.startsWith('arn:') ? undefined : vendor };
}
