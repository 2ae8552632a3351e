import { createReader } from '../reader/reader.ts';
import type { VocabularyLabels } from '../reader/vocabulary-labels.ts';
import { DELIMITERS, type DelimiterName, type ExportPresentation } from './export-query.ts';
import { MACHINE_LAYOUT, type ExportLayout } from './export-layout.ts';
import { EXPORT_TEXT } from './export-text.ts';
import { labelledLayout } from './labelled-columns.ts';
import type { XlsxLook } from './xlsx-writer.ts';

/** What the manifest keeps of how the file was presented: the options in effect. */
export interface ManifestPresentation {
  readonly lang?: 'en' | 'ru';
  readonly time_zone?: string;
  readonly delimiter?: DelimiterName;
}

/** Everything that shapes an export's bytes besides its records. */
export interface ExportFile {
  readonly layout: ExportLayout;
  readonly delimiter: (typeof DELIMITERS)[DelimiterName];
  readonly look: XlsxLook;
  /** Absent when nothing was asked: a default export's manifest is as it always was. */
  readonly presentation?: ManifestPresentation;
}

const DATE_FORMATS = { en: 'yyyy-mm-dd hh:mm:ss', ru: 'dd.mm.yyyy hh:mm:ss' } as const;

/**
 * The file a request asked for. Without `lang`: the machine-readable layout (and `,` unless a
 * `delimiter` is named). With it: the reader's layout, in their time zone (default UTC), and for
 * `ru` CSV `;` between fields unless `delimiter` says otherwise, as a Russian-locale spreadsheet
 * program expects when `,` is the decimal mark.
 */
export function exportFileFor(format: 'csv' | 'xlsx', asked: ExportPresentation, labels: VocabularyLabels): ExportFile {
  const askedAnything = Object.values(asked).some((value) => value !== undefined);
  const delimiterName: DelimiterName = asked.delimiter ?? (asked.lang === 'ru' ? 'semicolon' : 'comma');
  const delimiter = DELIMITERS[delimiterName];
  const csvPart = format === 'csv' ? { delimiter: delimiterName } : {};
  if (asked.lang === undefined) {
    return { layout: MACHINE_LAYOUT, delimiter, look: {}, ...(askedAnything ? { presentation: csvPart } : {}) };
  }
  const reader = createReader(asked.lang, asked.tz ?? 'UTC', labels);
  return {
    layout: labelledLayout(reader, format),
    delimiter,
    look: { sheetName: reader.text(EXPORT_TEXT)('sheet'), dateFormat: DATE_FORMATS[asked.lang] },
    presentation: { lang: asked.lang, time_zone: reader.timeZone, ...csvPart },
  };
}
