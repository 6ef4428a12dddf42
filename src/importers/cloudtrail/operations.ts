import { snake } from '../common.js';

/**
 * CloudTrail event names of the Bedrock data plane, mapped to the canonical kind and operation.
 * Everything else from Bedrock is a management (control-plane) call.
 */
export const DATA_EVENTS: Record<
  string,
  { kind: 'llm.call' | 'retrieval'; operation: string; stream?: boolean }
> = {
  InvokeModel: { kind: 'llm.call', operation: 'invoke' },
  InvokeModelWithResponseStream: { kind: 'llm.call', operation: 'invoke', stream: true },
  InvokeModelWithBidirectionalStream: { kind: 'llm.call', operation: 'invoke', stream: true },
  Converse: { kind: 'llm.call', operation: 'chat' },
  ConverseStream: { kind: 'llm.call', operation: 'chat', stream: true },
  InvokeAgent: { kind: 'llm.call', operation: 'agent' },
  InvokeInlineAgent: { kind: 'llm.call', operation: 'agent' },
  InvokeFlow: { kind: 'llm.call', operation: 'flow' },
  RetrieveAndGenerate: { kind: 'llm.call', operation: 'rag' },
  RetrieveAndGenerateStream: { kind: 'llm.call', operation: 'rag', stream: true },
  ApplyGuardrail: { kind: 'llm.call', operation: 'apply_guardrail' },
  Retrieve: { kind: 'retrieval', operation: 'retrieve' },
};

/** Names whose generic split would read badly, or that the rules name explicitly. */
const CONTROL_ACTIONS: Record<string, { action: string; resource_type: string }> = {
  PutModelInvocationLoggingConfiguration: { action: 'logging.update', resource_type: 'logging_config' },
  DeleteModelInvocationLoggingConfiguration: { action: 'logging.delete', resource_type: 'logging_config' },
  GetModelInvocationLoggingConfiguration: { action: 'logging.get', resource_type: 'logging_config' },
  CreateGuardrailVersion: { action: 'guardrail.publish', resource_type: 'guardrail' },
  CreateModelImportJob: { action: 'model.import', resource_type: 'model' },
  CreateModelCustomizationJob: { action: 'model.customize', resource_type: 'model' },
  CreateModelCopyJob: { action: 'model.copy', resource_type: 'model' },
  DeleteCustomModel: { action: 'model.delete', resource_type: 'model' },
  DeleteImportedModel: { action: 'model.delete', resource_type: 'model' },
  PutUseCaseForModelAccess: { action: 'model_access.request', resource_type: 'model' },
  CreateFoundationModelAgreement: { action: 'model_access.agree', resource_type: 'model' },
  GetFoundationModelAvailability: { action: 'model_access.get', resource_type: 'model' },
  ListFoundationModels: { action: 'model.list', resource_type: 'model' },
  GetFoundationModel: { action: 'model.get', resource_type: 'model' },
  CreateProvisionedModelThroughput: { action: 'provisioned_throughput.create', resource_type: 'deployment' },
  UpdateProvisionedModelThroughput: { action: 'provisioned_throughput.update', resource_type: 'deployment' },
  DeleteProvisionedModelThroughput: { action: 'provisioned_throughput.delete', resource_type: 'deployment' },
};

const VERBS =
  /^(Create|Update|Delete|Put|Get|List|Prepare|Start|Stop|Associate|Disassociate|Ingest|Tag|Untag|Batch|Invoke|Apply|Search)(.+)$/;

const RESOURCE_TYPES: [RegExp, string][] = [
  [/^guardrail/, 'guardrail'],
  [/^agent/, 'agent'],
  [/^knowledge_base|^data_source/, 'knowledge_base'],
  [/model|inference_profile/, 'model'],
  [/logging/, 'logging_config'],
];

/** `UpdateAgentActionGroup` → `{ action: 'agent_action_group.update', resource_type: 'agent' }`. */
export function controlAction(eventName: string): { action: string; resource_type?: string } {
  const known = CONTROL_ACTIONS[eventName];
  if (known) return known;
  const m = VERBS.exec(eventName);
  if (!m) return { action: snake(eventName) };
  const noun = snake(m[2]!);
  const verb = m[1]!.toLowerCase();
  return { action: `${noun}.${verb}`, resource_type: RESOURCE_TYPES.find(([re]) => re.test(noun))?.[1] };
}
