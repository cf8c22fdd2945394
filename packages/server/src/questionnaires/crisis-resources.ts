/**
 * What a patient sees at once when an answer raises a crisis flag (PHQ-9 item 9 above 0): the 988
 * Suicide & Crisis Lifeline (call or text 988, chat at 988lifeline.org) and emergency services.
 * These are public service contacts, not clinical numbers.
 * @see https://988lifeline.org/ (SAMHSA, 988 Suicide & Crisis Lifeline)
 */
import type { CrisisResources } from '@ketaflow/contract';

/** Core flag codes that call for crisis resources and an urgent care-team alert. */
export const CRISIS_FLAGS: readonly string[] = ['phq9.item9-positive'];

export const CRISIS_RESOURCES: CrisisResources = {
  title: 'You do not have to go through this alone',
  message:
    'Thank you for your honest answer. Your care team has been alerted and will contact you. If you are thinking about harming yourself, reach out now: help is available 24 hours a day.',
  contacts: [
    { label: '988 Suicide & Crisis Lifeline', action: 'Call 988', href: 'tel:988' },
    { label: '988 Suicide & Crisis Lifeline', action: 'Text 988', href: 'sms:988' },
    {
      label: 'Chat with the Lifeline',
      action: 'Chat online',
      href: 'https://988lifeline.org/chat/',
    },
    { label: 'In immediate danger', action: 'Call 911', href: 'tel:911' },
  ],
  source: '988 Suicide & Crisis Lifeline (SAMHSA), 988lifeline.org',
};

export const isCrisisFlag = (code: string): boolean => CRISIS_FLAGS.includes(code);
