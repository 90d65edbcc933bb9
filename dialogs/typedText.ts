import type { TurnContext } from 'botbuilder';

const TYPED = Symbol('pool.typedText');

/**
 * What the user typed, when the bot understands a reading of it instead (pinyin read into characters): the
 * message's text becomes the reading, and this keeps the original for what is recorded of the message.
 */
export function rememberTyped(context: TurnContext, typed: string): void {
  context.turnState.set(TYPED, typed);
}

/** The message as the user typed it. */
export function typedText(context: TurnContext): string {
  return (context.turnState.get(TYPED) as string | undefined) ?? context.activity.text ?? '';
}
