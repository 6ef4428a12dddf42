import { awsSetup } from './aws.js';
import { azureSetup } from './azure.js';
import { gcpSetup } from './gcp.js';
import { renderSections } from './render.js';
import type { SetupProvider } from './types.js';
import type { z } from 'zod';

export class SetupParamError extends Error {}

export interface SetupGenerator {
  options: SetupProvider['options'];
  /** Validates the flags and returns the text to print; throws SetupParamError naming the flag. */
  generate(values: Record<string, unknown>): string;
}

function generator<S extends z.ZodType>(provider: SetupProvider<S>): SetupGenerator {
  return {
    options: provider.options,
    generate(values) {
      const parsed = provider.params.safeParse(values);
      if (!parsed.success) {
        const msgs = parsed.error.issues.map((i) => {
          if (i.code === 'unrecognized_keys')
            return `${i.keys.map((k) => `--${k}`).join(', ')}: not an option of setup ${provider.name}`;
          const missing = i.code === 'invalid_type' && i.input === undefined;
          return `--${i.path.map(String).join('.')}: ${missing ? 'required' : i.message}`;
        });
        throw new SetupParamError(msgs.join('; '));
      }
      return renderSections(provider.heading(parsed.data), provider.render(parsed.data));
    },
  };
}

export const SETUP_PROVIDERS = {
  aws: generator(awsSetup),
  azure: generator(azureSetup),
  gcp: generator(gcpSetup),
} satisfies Record<SetupProvider['name'], SetupGenerator>;
