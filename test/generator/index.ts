export { generateRecords } from './generate-records.ts';
export type { GenerateRecordsOptions } from './generate-records.ts';
export { expectedFigures } from './expected-figures.ts';
export type { ExpectedFigures, ExpectedFiguresOptions } from './expected-figures.ts';
export { HOSTILE_STRINGS } from './hostile-strings.ts';
