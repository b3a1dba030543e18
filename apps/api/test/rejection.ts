/**
 * What `promise` was rejected with, when it is an `E`; the spec fails otherwise (resolved, or
 * rejected with anything else). Shared by the provider senders' specs (SMS, email), which check
 * how each failure is classified.
 */
export async function rejectionOf<E>(promise: Promise<unknown>, type: abstract new (...args: never[]) => E): Promise<E> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(type);
    return error as E;
  }
  throw new Error(`expected a ${type.name}`);
}
