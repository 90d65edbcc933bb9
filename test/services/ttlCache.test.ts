import { TtlCache } from '../../services/ttlCache';

describe('TtlCache', () => {
  let now = 0;
  const counting = () => {
    let loads = 0;
    return { load: (value: string) => () => Promise.resolve(`${value}#${++loads}`), loads: () => loads };
  };

  beforeEach(() => (now = 1_000));

  it('gives every ask within the TTL the one load, and loads again after it', async () => {
    const cache = new TtlCache<string>(5_000, 100, () => now);
    const source = counting();
    expect(await Promise.all([cache.get('k', source.load('a')), cache.get('k', source.load('a'))])).toEqual(['a#1', 'a#1']);
    now += 4_999;
    expect(await cache.get('k', source.load('a'))).toBe('a#1');
    now += 1;
    expect(await cache.get('k', source.load('a'))).toBe('a#2');
  });

  it('never keeps a failure, and forgets on request', async () => {
    const cache = new TtlCache<string>(5_000, 100, () => now);
    await expect(cache.get('k', () => Promise.reject(new Error('database down')))).rejects.toThrow('database down');
    expect(await cache.get('k', () => Promise.resolve('back'))).toBe('back');
    cache.forget('k');
    expect(await cache.get('k', () => Promise.resolve('fresh'))).toBe('fresh');
  });

  it('starts afresh rather than growing past its bound', async () => {
    const cache = new TtlCache<string>(60_000, 3, () => now);
    const source = counting();
    for (const key of ['a', 'b', 'c', 'd']) await cache.get(key, source.load(key));
    expect(await cache.get('a', source.load('a'))).toBe('a#5');
  });
});
