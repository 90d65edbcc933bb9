import { ActivityPrompt, TextPrompt } from 'botbuilder-dialogs';

export const TEXT_PROMPT = 'text';
export const REPLY_PROMPT = 'reply';
export const PHONE_PROMPT = 'phone';

/** Mainland mobile (11 digits from 1[3-9]) or a landline with area code; spaces and dashes allowed. */
export const PHONE = /^(?:\+?86[- ]?)?(?:1[3-9]\d{9}|0\d{2,3}[- ]?\d{7,8})$/;

/** Free text, not empty. */
export const textPrompt = () => new TextPrompt(TEXT_PROMPT, async (p) => p.recognized.succeeded && p.recognized.value!.trim().length > 0);

/** Any message: typed text or a card button's value (TextPrompt would reject a value without text). */
export const replyPrompt = () => new ActivityPrompt(REPLY_PROMPT, async (p) => p.recognized.value?.type === 'message');

/** A phone number; anything else gets the prompt's localized retry message. */
export const phonePrompt = () => new TextPrompt(PHONE_PROMPT, async (p) => p.recognized.succeeded && PHONE.test(p.recognized.value!.replace(/\s+/g, '')));
