import type { OperationType, Status } from '../../opensearch/record/vocabulary.ts';
import type { CustomerType } from './customer-pool.ts';
import type { SeededRandom } from './seeded-random.ts';

const CONFLICT_TYPES = ['field_mismatch', 'duplicate', 'deleted_in_1c', 'concurrent_edit'] as const;

const TABLES = [
  ['Контрагенты', 70],
  ['КонтактныеЛица', 15],
  ['ДоговорыКонтрагентов', 10],
  ['БанковскиеСчета', 5],
] as const;
const CHANGED_FIELDS = ['Наименование', 'ИНН', 'КПП', 'email', 'phone', 'address'] as const;

export interface DetailsInput {
  operationType: OperationType;
  status: Status;
  customerType: CustomerType | undefined;
  /** A hostile string to hide in a free-text field, when the generator wants one here. */
  comment: string | undefined;
}

/**
 * `details` as applications log it: free-form and nested differently per operation type. The few
 * values reports aggregate on (customer_type, created_new, conflict_type, manual_review_required)
 * live here and are copied to typed fields afterwards by `liftTypedFields`.
 */
export function recordDetails(random: SeededRandom, input: DetailsInput): Record<string, unknown> {
  const details: Record<string, unknown> = {
    source: { system: '1c', database: 'УТ 11.5', table: random.weighted(TABLES) },
  };
  if (input.customerType !== undefined) details.customer_type = input.customerType;
  if (input.comment !== undefined) details.comment = input.comment;
  // A pending record is logged before any work is done: it knows only where the data comes from.
  if (input.status === 'pending') return details;
  Object.assign(details, specificDetails(random, input.operationType, input.status));
  if (input.status === 'warning') {
    details.warnings = [{ code: `W${random.int(100, 199)}`, text: 'Пустой КПП у юрлица' }];
  }
  if (input.status === 'skipped') {
    details.skip_reason = random.pick(['no_changes', 'disabled_for_customer', 'outside_sync_window']);
  }
  return details;
}

function specificDetails(random: SeededRandom, type: OperationType, status: Status): Record<string, unknown> {
  switch (type) {
    case 'import_from_1c':
      return { created_new: random.chance(0.3), changes: changes(random) };
    case 'export_to_1c':
      return {
        target: { system: '1c', endpoint: '/odata/standard.odata/Catalog_Контрагенты' },
        changes: changes(random),
      };
    case 'sync_changes':
      return { direction: random.pick(['crm_to_1c', '1c_to_crm']), changes: changes(random) };
    case 'conflict_resolution':
      return {
        conflict_type: random.pick(CONFLICT_TYPES),
        manual_review_required: random.chance(0.35),
        resolution: {
          strategy: random.pick(['crm_wins', '1c_wins', 'merge', 'manual']),
          fields: changes(random).fields,
        },
      };
    case 'data_validation': {
      const rules = ['inn_checksum', 'email_format', 'kpp_required'];
      const failed = status === 'success' ? [] : random.faker.helpers.arrayElements(rules, { min: 1, max: 2 });
      return {
        validation: { rules_checked: random.int(5, 40), failed_rules: failed },
        manual_review_required: failed.length > 0 && random.chance(0.5),
      };
    }
    case 'batch_operation': {
      const size = random.int(10, 500);
      const failed = status === 'error' ? random.int(1, size) : 0;
      return { batch: { id: `batch-${random.hex(8)}`, size, processed: size - failed, failed } };
    }
  }
}

/** Field changes with old and new values, arrays of objects, to exercise nested `flat_object` paths. */
function changes(random: SeededRandom): { fields: Array<{ name: string; from: string | null; to: string }> } {
  const names = random.faker.helpers.arrayElements(CHANGED_FIELDS, { min: 1, max: 3 });
  const fields = names.map((name) => ({
    name,
    from: random.chance(0.2) ? null : fieldValue(random, name),
    to: fieldValue(random, name),
  }));
  return { fields };
}

function fieldValue(random: SeededRandom, name: (typeof CHANGED_FIELDS)[number]): string {
  const { faker } = random;
  switch (name) {
    case 'Наименование':
      return faker.company.name();
    case 'ИНН':
      return faker.string.numeric(10);
    case 'КПП':
      return faker.string.numeric(9);
    case 'email':
      return faker.internet.email().toLowerCase();
    case 'phone':
      return faker.phone.number();
    case 'address':
      return `${faker.location.city()}, ${faker.location.streetAddress()}`;
  }
}
