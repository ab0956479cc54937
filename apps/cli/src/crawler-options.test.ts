import { describe, expect, it } from 'vitest';
import { UsageError } from './command.ts';
import { millisecondsArg } from './crawler-options.ts';

describe('millisecondsArg', () => {
  it('reads whole milliseconds and leaves an absent flag undefined', () => {
    expect(millisecondsArg('lease-ms', '2000', 1)).toBe(2000);
    expect(millisecondsArg('host-delay-ms', '0')).toBe(0);
    expect(millisecondsArg('lease-ms', undefined, 1)).toBeUndefined();
  });

  it('names the flag for anything else', () => {
    for (const bad of ['', '2.5', '-1', '1e3', 'abc', '0x10']) {
      expect(() => millisecondsArg('idle-ms', bad)).toThrow(UsageError);
    }
    expect(() => millisecondsArg('lease-ms', '0', 1)).toThrow('--lease-ms: "0" is not a whole number of milliseconds >= 1');
  });
});
