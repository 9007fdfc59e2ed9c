import type { ResponseParameters } from 'telegraf/types';

/**
 * Why a call was refused, so tests can tell malformed output ('validation': HTML, length,
 * buttons, parameters) from refusals a correct bot still meets ('state': chat not found,
 * blocked, message not modified or gone, callback query too old), limits and injected faults.
 */
export type RejectionCause = 'auth' | 'validation' | 'rate-limit' | 'fault' | 'state' | 'method';

/** Thrown by method handlers; the server turns it into Telegram's `{ ok: false, ... }` reply. */
export class ApiFailure extends Error {
  constructor(
    readonly errorCode: number,
    readonly description: string,
    readonly reason: RejectionCause,
    readonly parameters?: ResponseParameters,
  ) {
    super(description);
  }
}

export const badRequest = (what: string, reason: RejectionCause = 'validation'): ApiFailure =>
  new ApiFailure(400, `Bad Request: ${what}`, reason);

export const chatNotFound = (): ApiFailure => badRequest('chat not found', 'state');

export function tooManyRequests(retryAfter: number, reason: RejectionCause = 'rate-limit'): ApiFailure {
  return new ApiFailure(429, `Too Many Requests: retry after ${retryAfter}`, reason, {
    retry_after: retryAfter,
  });
}
