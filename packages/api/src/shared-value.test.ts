import { afterEach, describe, expect, it } from 'vitest';
import { forgetSharedValues, sharedValue } from './shared-value.ts';

/** A loader that counts its calls and resolves when told to. */
function controlledLoader<T>() {
  const calls: { resolve: (value: T) => void; reject: (error: Error) => void }[] = [];
  const load = () => new Promise<T>((resolve, reject) => calls.push({ resolve, reject }));
  return { load, calls };
}

describe('sharedValue', () => {
  afterEach(() => forgetSharedValues());

  it('shares one load between the callers that arrive while it runs', async () => {
    const { load, calls } = controlledLoader<number>();
    const a = sharedValue('k', 1000, load, 0);
    const b = sharedValue('k', 1000, load, 5);
    expect(calls).toHaveLength(1);
    calls[0]?.resolve(42);
    await expect(Promise.all([a, b])).resolves.toEqual([42, 42]);
  });

  it('answers from the loaded value until it is older than maxAge, then refreshes without waiting', async () => {
    const { load, calls } = controlledLoader<string>();
    const first = sharedValue('k', 1000, load, 0);
    calls[0]?.resolve('old');
    await first;
    await expect(sharedValue('k', 1000, load, 999)).resolves.toBe('old');
    expect(calls).toHaveLength(1);
    // Stale: the caller gets the old value at once and one refresh starts.
    await expect(sharedValue('k', 1000, load, 1000)).resolves.toBe('old');
    await expect(sharedValue('k', 1000, load, 1001)).resolves.toBe('old');
    expect(calls).toHaveLength(2);
    calls[1]?.resolve('new');
    await Promise.resolve();
    await expect(sharedValue('k', 1000, load, 1002)).resolves.toBe('new');
    expect(calls).toHaveLength(2);
  });

  it('does not keep a failed first load, and keeps the old value when a refresh fails', async () => {
    const { load, calls } = controlledLoader<string>();
    const failed = sharedValue('k', 1000, load, 0);
    calls[0]?.reject(new Error('db down'));
    await expect(failed).rejects.toThrow('db down');
    const retried = sharedValue('k', 1000, load, 1);
    expect(calls).toHaveLength(2);
    calls[1]?.resolve('ok');
    await expect(retried).resolves.toBe('ok');
    await expect(sharedValue('k', 1000, load, 5000)).resolves.toBe('ok');
    calls[2]?.reject(new Error('db down again'));
    await new Promise((resolve) => setTimeout(resolve, 0));
    await expect(sharedValue('k', 1000, load, 5001)).resolves.toBe('ok');
    expect(calls).toHaveLength(4);
  });

  it('keeps keys apart and forgets on request', async () => {
    await expect(sharedValue('a', 1000, () => Promise.resolve(1), 0)).resolves.toBe(1);
    await expect(sharedValue('b', 1000, () => Promise.resolve(2), 0)).resolves.toBe(2);
    forgetSharedValues('a');
    await expect(sharedValue('a', 1000, () => Promise.resolve(3), 1)).resolves.toBe(3);
    await expect(sharedValue('b', 1000, () => Promise.resolve(4), 1)).resolves.toBe(2);
  });
});
