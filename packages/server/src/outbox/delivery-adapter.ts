/**
 * How a ready outbox message leaves Ketaflow. An adapter gets the message (ids and codes only) and
 * answers whether it was delivered; the worker records every attempt. Email and SMS adapters come
 * later; the shipped one, `recordOnlyAdapter`, sends nothing over the network and reports success,
 * so the outbox runs end to end and its attempts can be audited before a real channel exists.
 */

/** What an adapter sees of a message: no names, no answers (PHI stays in the rows it points to). */
export interface OutboundMessage {
  readonly id: string;
  readonly clinicId: string;
  readonly patientId: string | null;
  readonly kind: string;
  readonly payload: Readonly<Record<string, string>>;
  /** 1 on the first hand-over of this message. */
  readonly attempt: number;
}

export type DeliveryResult =
  | { readonly delivered: true }
  /** `reason` is a code such as `smtp.timeout`, stored with the attempt (never PHI). */
  | { readonly delivered: false; readonly reason: string };

export interface DeliveryAdapter {
  /** Stored with each attempt, e.g. `record-only`. */
  readonly name: string;
  deliver(message: OutboundMessage): Promise<DeliveryResult>;
}

/** The shipped adapter: no network; the attempt row is the record of the hand-over. */
export const recordOnlyAdapter: DeliveryAdapter = {
  name: 'record-only',
  deliver: () => Promise.resolve({ delivered: true }),
};
