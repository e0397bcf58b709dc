import { advance } from './advance';
import type { FlowContext } from './flow-context';
import type { FlowDefinition } from './flow-definition';
import type { FlowEffect } from './flow-effect';
import { FlowError } from './flow-error';
import type { FlowEvent } from './flow-event';
import type { FlowInstance } from './flow-instance';

/** `advance`, throwing a FlowError instead of returning a failure. */
export function advanceOrThrow(
  definition: FlowDefinition,
  instance: FlowInstance | null,
  event: FlowEvent,
  context: FlowContext,
): { instance: FlowInstance; effects: FlowEffect[] } {
  const result = advance(definition, instance, event, context);
  if (!result.ok) throw new FlowError(result);
  return { instance: result.instance, effects: result.effects };
}
