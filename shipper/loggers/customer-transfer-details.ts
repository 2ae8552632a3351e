import { truncate } from '../../opensearch/record/error-fields.ts';
import { boundedId } from './context-fields.ts';
import type {
  CustomerExportInput,
  CustomerImportInput,
  OnecResponse,
  SyncCustomer,
  TimeInput,
} from './customer-sync-inputs.ts';

/** 1C answers with whole HTML error pages: the first thousand characters say what went wrong. */
export const ONEC_RESPONSE_BODY_CHARS = 1_000;

/**
 * `details` of an import and an export. The values administrators filter and count by sit under
 * the flat keys normalise-record lifts to typed fields (`import_source`, `assigned_role`,
 * `export_destination`, `export_format`), cut to the id limit so they are always lifted; the rest
 * stays in `details` only. Only what the call gives is added: this runs on every import.
 */

export function importDetails(input: CustomerImportInput): Record<string, unknown> {
  const details: Record<string, unknown> = { ...input.result.details, created_new: input.result.createdNew };
  if (input.source !== undefined) details.import_source = boundedId(input.source);
  if (input.assignedRole !== undefined) details.assigned_role = boundedId(input.assignedRole);
  if (input.importTime !== undefined) details.import_time = timeText(input.importTime);
  if (input.dataFields !== undefined) details.data_fields = [...input.dataFields];
  return details;
}

export function exportDetails(input: CustomerExportInput): Record<string, unknown> {
  const details: Record<string, unknown> = { ...input.result.details, created_new: input.result.createdNew };
  if (input.destination !== undefined) details.export_destination = boundedId(input.destination);
  if (input.format !== undefined) details.export_format = boundedId(input.format);
  if (input.exportTime !== undefined) details.export_time = timeText(input.exportTime);
  if (input.exportedFields !== undefined) details.exported_fields = [...input.exportedFields];
  if (input.assignedOnecId !== undefined) details.assigned_onec_id = boundedId(input.assignedOnecId);
  if (input.onecResponse !== undefined) details.onec_response = responseDetails(input.onecResponse);
  return details;
}

/** The exported customer, with the 1C id 1C assigned when the customer had none yet: searches by 1C id find the export. */
export function exportedCustomer({ customer, assignedOnecId }: CustomerExportInput): SyncCustomer {
  return customer.onecId || assignedOnecId === undefined ? customer : { ...customer, onecId: assignedOnecId };
}

/** The status code, and the body cut to {@link ONEC_RESPONSE_BODY_CHARS} with its full length when it was cut. */
function responseDetails(response: OnecResponse): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (response.statusCode !== undefined) out.status_code = response.statusCode;
  if (response.body !== undefined) {
    const body = truncate(response.body, ONEC_RESPONSE_BODY_CHARS);
    out.body = body.text;
    if (body.truncated) out.body_length = response.body.length;
  }
  return out;
}

/** ISO text for a valid time; anything else as text, so a wrong time is still seen as given and never throws. */
export function timeText(value: TimeInput): string {
  const date = value instanceof Date ? value : typeof value === 'number' ? new Date(value) : undefined;
  if (date === undefined) return boundedId(String(value));
  return Number.isNaN(date.getTime()) ? String(value) : date.toISOString();
}
