/** One SMS to hand to a gateway. */
export interface OutgoingSms {
  /** E.164 number. */
  to: string;
  text: string;
  /** Our idempotency key: a gateway that deduplicates by client reference sends it once. */
  reference: string;
  sender: string;
}

/**
 * A way to send SMS. `send` resolves with the gateway's id for the message, or
 * throws SmsSendError saying whether a retry could help.
 */
export interface SmsProvider {
  readonly name: string;
  send(message: OutgoingSms): Promise<{ providerId: string }>;
}

/** A failed send. `permanent` means the number or the request is wrong: do not retry. */
export class SmsSendError extends Error {
  override name = "SmsSendError";
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}
