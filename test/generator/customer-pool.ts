import type { Customer } from '../../opensearch/record/schema.ts';
import type { CustomerRole } from '../../opensearch/record/vocabulary.ts';
import { onecId } from './generated-ids.ts';
import type { HostileCycle } from './hostile-strings.ts';
import type { SeededRandom } from './seeded-random.ts';

export type CustomerType = 'legal' | 'individual';

/** A customer known to both the platform and 1C, with what its records carry besides `customer`. */
export interface PoolCustomer {
  readonly customer: Customer;
  /** Lower case; records sometimes log it in mixed case. */
  readonly email: string;
  readonly onecId: string;
  readonly customerType: CustomerType;
}

/**
 * A fixed set of customers that operations draw from, so that each customer has several records
 * and searches by customer, e-mail or 1C id find more than one.
 */
export function buildCustomerPool(random: SeededRandom, size: number, hostile: HostileCycle): PoolCustomer[] {
  return Array.from({ length: size }, (_, index) => poolCustomer(random, index, hostile));
}

function poolCustomer(random: SeededRandom, index: number, hostile: HostileCycle): PoolCustomer {
  const { faker } = random;
  const sex = faker.person.sexType();
  const firstName = faker.person.firstName(sex);
  const lastName = faker.person.lastName(sex);
  const customerType: CustomerType = random.chance(0.6) ? 'legal' : 'individual';
  const realName =
    customerType === 'legal' ? faker.company.name() : `${lastName} ${firstName} ${faker.person.middleName(sex)}`;
  // Exports and the UI show names verbatim, so a few customers are named by someone hostile.
  const name = random.chance(0.04) ? hostile.next() : realName;
  return {
    customer: {
      id: `cust-${String(10_001 + index)}`,
      name,
      role: random.weighted(CUSTOMER_ROLE_WEIGHTS),
    },
    email: faker.internet.email({ firstName, lastName }).toLowerCase(),
    onecId: onecId(random),
    customerType,
  };
}

const CUSTOMER_ROLE_WEIGHTS = [
  ['customer', 60],
  ['dealer', 15],
  ['distributor', 10],
  ['partner', 10],
  ['employee', 5],
] as const satisfies ReadonlyArray<readonly [CustomerRole, number]>;

/**
 * The e-mail as an application logged it: usually as stored, sometimes typed in mixed case by a
 * person or by 1C, which is what case-insensitive search must still find.
 */
export function loggedEmail(random: SeededRandom, email: string): string {
  if (!random.chance(0.15)) return email;
  const [local = '', domain = ''] = email.split('@');
  const capitalised = (text: string) =>
    text.replace(/(^|[._-])(\p{L})/gu, (_, separator: string, letter: string) => separator + letter.toUpperCase());
  return random.pick([
    `${capitalised(local)}@${capitalised(domain)}`,
    `${local}@${domain.toUpperCase()}`,
    email.toUpperCase(),
  ]);
}
