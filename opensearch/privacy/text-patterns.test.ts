import { describe, expect, it } from 'vitest';
import { seededRandom, type SeededRandom } from '../../test/generator/seeded-random.ts';
import { replaceEmails, replacePhones } from './text-patterns.ts';

const maskPhones = (text: string) => replacePhones(text, () => '[phone]');
const maskEmails = (text: string) => replaceEmails(text, () => '[email]');
const mask = (text: string) => maskPhones(maskEmails(text));

/** Values sync logs are full of that are no phone and no e-mail: each must come through unchanged. */
const SURVIVORS = [
  'ЦБ-000123',
  'ЦБ-8912345678',
  '0004512',
  'cust-10515',
  '2026-05-01T12:34:56.789Z',
  '2026-05-01 12:34:56',
  '2026-05-01T12:00:00+03:00',
  '01.05.2026 12:00',
  '550e8400-e29b-41d4-a716-446655440000',
  '12345678-1234-5678-1234-567812345678',
  '812 ms',
  '1500ms',
  'PT1H30M',
  '100500',
  '9123456789',
  '81234567890',
  '1714567890123',
  '1 234 567,89 руб.',
  '1 234 567 890',
  'v2.13.1',
  '192.168.100.200',
  '+3 000 000 руб',
  'op-3f9a8b7c6d5e',
];

describe('replacePhones', () => {
  it.each([
    ['Звонок на +7 (912) 345-67-89 не прошёл', 'Звонок на [phone] не прошёл'],
    ['тел. 8 (912) 345-67-89, перезвонить', 'тел. [phone], перезвонить'],
    ['телефон:89123456789', 'телефон:[phone]'],
    ['8-912-345-67-89', '[phone]'],
    ['+79123456789', '[phone]'],
    ['8 800 555 35 35', '[phone]'],
    ['(495) 123-45-67', '[phone]'],
    ['(957)258-81-20', '[phone]'],
    ['912 345 67 89', '[phone]'],
    ['местный 123-45-67', 'местный [phone]'],
    ['+1 202-555-0143', '[phone]'],
    ['+44 20 7946 0958', '[phone]'],
    ['+375 29 123-45-67', '[phone]'],
    ['Phone:8(912)3456789.', 'Phone:[phone].'],
  ])('masks the phone in %j', (text, expected) => {
    expect(maskPhones(text)).toBe(expected);
  });

  it.each(SURVIVORS)('leaves %j as it is', (text) => {
    expect(maskPhones(text)).toBe(text);
    expect(maskPhones(`Ошибка синхронизации ${text} при импорте`)).toBe(`Ошибка синхронизации ${text} при импорте`);
  });

  it('refuses an international number with fewer than 10 or more than 15 digits', () => {
    expect(maskPhones('+7 912 34')).toBe('+7 912 34');
    expect(maskPhones('+7 912 345 67 89 12 34 56')).toBe('+7 912 345 67 89 12 34 56');
  });
});

describe('replaceEmails', () => {
  it.each([
    ['write to ivan.petrov@example.ru.', 'write to [email].'],
    ['Письмо на иван@почта.рф не доставлено', 'Письмо на [email] не доставлено'],
    ['<x+tag@sub.domain.com>', '<[email]>'],
    ['mailto:A.B@Example.COM, then', 'mailto:[email], then'],
    ['89123456789@mail.ru', '[email]'],
    ['two: a@b.ru b@c.ru', 'two: [email] [email]'],
  ])('masks the address in %j', (text, expected) => {
    expect(maskEmails(text)).toBe(expected);
  });

  it.each(['no address @ here', 'user@localhost', 'x@y.z1', 'a @b.ru', '@timestamp', 'ЦБ-000123'])(
    'leaves %j as it is',
    (text) => {
      expect(maskEmails(text)).toBe(text);
    },
  );

  it('walks a long text without an address in linear time', () => {
    const text = `${'a'.repeat(200_000)}@${'b'.repeat(200_000)}`;
    const started = performance.now();
    expect(maskEmails(text)).toBe(text);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

/** Phones in the shapes people and 1C write them, from random digits. */
function randomPhone(random: SeededRandom): string {
  const d = (n: number) => Array.from({ length: n }, () => String(random.int(0, 9))).join('');
  const area = `9${d(2)}`;
  const [a, b, c] = [d(3), d(2), d(2)];
  return random.pick([
    `+7 (${area}) ${a}-${b}-${c}`,
    `+7 ${area} ${a} ${b} ${c}`,
    `+7-${area}-${a}-${b}-${c}`,
    `+7${area}${a}${b}${c}`,
    `8 (${area}) ${a}-${b}-${c}`,
    `8(${area})${a}-${b}-${c}`,
    `8 ${area} ${a} ${b} ${c}`,
    `8${area}${a}${b}${c}`,
    `(4${d(2)}) ${a}-${b}-${c}`,
    `${a}-${b}-${c}`,
    `+1 ${d(3)}-${d(3)}-${d(4)}`,
    `+44 20 ${d(4)} ${d(4)}`,
    random.faker.phone.number(),
    random.faker.phone.number({ style: 'international' }),
  ]);
}

function randomEmail(random: SeededRandom): string {
  const { faker } = random;
  const email = random.pick([
    () => faker.internet.email(),
    () => faker.internet.email({ provider: 'почта.рф' }),
    () =>
      `${faker.person.lastName().toLowerCase()}.${random.int(1, 999)}@${random.pick(['mail.ru', 'yandex.ru', 'romashka.com'])}`,
    () => `${faker.internet.username()}+sync@example.org`,
  ])();
  return random.chance(0.2) ? email.toUpperCase() : email;
}

function randomSurvivor(random: SeededRandom): string {
  const { faker } = random;
  return random.pick([
    () => `ЦБ-${String(random.int(1, 999_999)).padStart(6, '0')}`,
    () => String(random.int(1, 999_999)).padStart(7, '0'),
    () => faker.date.between({ from: '2020-01-01', to: '2030-01-01' }).toISOString(),
    () => faker.string.uuid(),
    () => `${random.int(1, 100_000)} ms`,
    () => `${random.int(1, 100_000)}мс`,
    () => String(random.int(0, 2_000_000_000)),
    () =>
      `${random.int(1, 999)} ${String(random.int(0, 999)).padStart(3, '0')},${String(random.int(0, 99)).padStart(2, '0')} руб.`,
    () => `cust-${random.int(10_001, 99_999)}`,
  ])();
}

describe('e-mails and phones inside Cyrillic text (generated)', () => {
  it('masks every generated e-mail and phone and leaves every id, time, uuid, duration and number as it was', () => {
    const random = seededRandom(18);
    for (let round = 0; round < 500; round++) {
      const parts: Array<{ text: string; masked: string }> = [];
      const words = () => random.faker.lorem.words(random.int(1, 4));
      for (let i = 0; i < random.int(2, 6); i++) {
        const plain = words();
        parts.push({ text: plain, masked: plain });
        const kind = random.pick(['phone', 'email', 'survivor'] as const);
        const text =
          kind === 'phone' ? randomPhone(random) : kind === 'email' ? randomEmail(random) : randomSurvivor(random);
        const masked = kind === 'phone' ? '[phone]' : kind === 'email' ? '[email]' : text;
        const [open, close] = random.pick([
          ['', ''],
          ['(', ')'],
          ['«', '»'],
          ['', ','],
          ['', '.'],
          [': ', ';'],
        ]);
        parts.push({ text: `${open}${text}${close}`, masked: `${open}${masked}${close}` });
      }
      const text = parts.map((p) => p.text).join(' ');
      const expected = parts.map((p) => p.masked).join(' ');
      expect(mask(text), text).toBe(expected);
    }
  });
});
