// A full disk is not an "internal error": the console names the disk and says what was typed is
// kept on screen (DISK_FULL from the host, see docs/decisions.md D25).
import { describe, expect, it } from 'vitest';
import { HostError } from '../../shared/contract/errors';
import { da } from './da';
import { en } from './en';
import { errorText, translate } from './index';

describe('DISK_FULL text', () => {
  it('names the data folder in Danish and English and never says "intern fejl"', () => {
    const err = new HostError('DISK_FULL', 'The disk holding /home/a/.config/Vagtkonsol is full', {
      disk: '/home/a/.config/Vagtkonsol',
    });
    const tr = (k: Parameters<typeof translate>[1], v?: Parameters<typeof translate>[2]) =>
      translate('da', k, v);
    const text = errorText(err, tr);
    expect(text).toContain('/home/a/.config/Vagtkonsol');
    expect(text).toMatch(/fuld/);
    expect(text).not.toMatch(/intern fejl/i);
    expect(da['error.DISK_FULL']).toContain('{disk}');
    expect(en['error.DISK_FULL']).toContain('{disk}');
  });
});
