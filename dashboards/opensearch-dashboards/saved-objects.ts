import { recordMapping } from '../../opensearch/record/mapping.ts';

/**
 * OpenSearch Dashboards saved objects for synclog, generated from the record mapping: an index
 * pattern on the read alias, saved searches, visualisations and the "Sync operations" dashboard.
 * Every field named here is checked against the mapping when the objects are built.
 */

export interface SavedObject {
  readonly id: string;
  readonly type: 'index-pattern' | 'search' | 'visualization' | 'dashboard';
  readonly attributes: Record<string, unknown>;
  readonly references: ReadonlyArray<{ readonly name: string; readonly type: string; readonly id: string }>;
}

/** Every field path of the log mapping, multi-fields included (`error_message.keyword`). */
export function mappedFields(): Map<string, string> {
  const paths = new Map<string, string>();
  const walk = (properties: Record<string, unknown>, prefix: string) => {
    for (const [name, spec] of Object.entries(properties)) {
      const s = spec as {
        type?: string;
        properties?: Record<string, unknown>;
        fields?: Record<string, { type: string }>;
      };
      const path = `${prefix}${name}`;
      if (s.properties) walk(s.properties, `${path}.`);
      else paths.set(path, s.type ?? 'object');
      for (const [sub, subSpec] of Object.entries(s.fields ?? {})) paths.set(`${path}.${sub}`, subSpec.type);
    }
  };
  walk(recordMapping().properties as Record<string, unknown>, '');
  return paths;
}

const FIELDS = mappedFields();
/** A field of the mapping, by name; a name that is not mapped fails here, at generation. */
function field(name: string): string {
  if (!FIELDS.has(name)) throw new Error(`saved objects: "${name}" is not a field of the log mapping`);
  return name;
}

const INDEX_REF = 'kibanaSavedObjectMeta.searchSourceJSON.index';
const indexRef = (id: string) => [{ name: INDEX_REF, type: 'index-pattern', id }];
const searchSource = (query: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ query: { query, language: 'kuery' }, filter: [], indexRefName: INDEX_REF, ...extra });

/** The ids every object carries, per prefix, so two synclog installations can share one Dashboards. */
export const objectIds = (prefix: string) => ({
  indexPattern: `${prefix}-logs`,
  search: (name: string) => `${prefix}-search-${name}`,
  visualization: (name: string) => `${prefix}-vis-${name}`,
  dashboard: `${prefix}-dashboard-sync-operations`,
});

interface Vis {
  readonly name: string;
  readonly title: string;
  readonly type: string;
  readonly query?: string;
  readonly aggs: ReadonlyArray<Record<string, unknown>>;
  readonly params: Record<string, unknown>;
}

/**
 * Outcome records, as reports and alert rules count them: an operation record (`operation_key`,
 * so records logged without an id count too) whose status is logged and not pending, a status the
 * vocabulary refused included.
 */
const FINISHED_OPERATIONS = `${field('operation_key')}:* and not ${field('status')}:pending and (${field('status')}:* or ${field('validation_issues')}:status_unknown or ${field('validation_issues')}:status_invalid)`;

const count = { id: '1', enabled: true, type: 'count', schema: 'metric', params: {} };
const overTime = (id: string) => ({
  id,
  enabled: true,
  type: 'date_histogram',
  schema: 'segment',
  params: { field: field('@timestamp'), interval: 'auto', min_doc_count: 1, extended_bounds: {} },
});
/** `otherBucket` for open vocabularies: an application's own codes beyond `size` still show, as "Other". */
const terms = (id: string, schema: string, name: string, size: number, otherBucket = false) => ({
  id,
  enabled: true,
  type: 'terms',
  schema,
  params: { field: field(name), size, order: 'desc', orderBy: '1', otherBucket, missingBucket: false },
});
const lineParams = (type: 'line' | 'histogram') => ({
  type,
  addTooltip: true,
  addLegend: true,
  legendPosition: 'right',
  times: [],
  addTimeMarker: false,
  seriesParams: [
    {
      show: true,
      type,
      mode: type === 'histogram' ? 'stacked' : 'normal',
      data: { id: '1', label: 'Count' },
      valueAxis: 'ValueAxis-1',
    },
  ],
});

function visualisations(alias: string): Vis[] {
  return [
    {
      name: 'operations-by-status',
      title: 'Sync operations over time, by status',
      type: 'histogram',
      aggs: [count, overTime('2'), terms('3', 'group', 'status', 10, true)],
      params: lineParams('histogram'),
    },
    {
      name: 'error-rate',
      title: 'Error rate over time',
      type: 'metrics',
      aggs: [],
      params: {
        id: 'synclog-error-rate',
        type: 'timeseries',
        index_pattern: alias,
        time_field: field('@timestamp'),
        interval: 'auto',
        axis_formatter: 'number',
        show_legend: 1,
        series: [
          {
            id: 'error-rate',
            label: 'errors ÷ finished operations',
            color: '#E7664C',
            split_mode: 'everything',
            chart_type: 'line',
            formatter: 'percent',
            metrics: [
              {
                id: 'ratio',
                type: 'filter_ratio',
                metric_agg: 'count',
                numerator: { query: `${field('status')}:error`, language: 'kuery' },
                denominator: { query: FINISHED_OPERATIONS, language: 'kuery' },
              },
            ],
          },
        ],
      },
    },
    {
      name: 'duration-percentiles',
      title: 'Sync operation duration p50 / p95 / p99 (ms)',
      type: 'line',
      aggs: [
        {
          id: '1',
          enabled: true,
          type: 'percentiles',
          schema: 'metric',
          params: { field: field('duration_ms'), percents: [50, 95, 99] },
        },
        overTime('2'),
      ],
      params: lineParams('line'),
    },
    {
      name: 'top-error-messages',
      title: 'Top error messages',
      type: 'table',
      query: `${field('status')}:error`,
      aggs: [count, terms('2', 'bucket', 'error_message.keyword', 10)],
      params: { perPage: 10, showTotal: true, totalFunc: 'sum' },
    },
    {
      name: 'by-operation-type',
      title: 'Sync operations by type',
      type: 'pie',
      aggs: [count, terms('2', 'segment', 'operation_type', 20, true)],
      params: { type: 'pie', addTooltip: true, addLegend: true, legendPosition: 'right', isDonut: true },
    },
    {
      name: 'top-customers-by-failures',
      title: 'Customers with the most failed operations',
      type: 'table',
      query: `${field('status')}:error`,
      aggs: [count, terms('2', 'bucket', 'customer.id', 10), terms('3', 'bucket', 'customer.name.keyword', 1)],
      params: { perPage: 10, showTotal: false },
    },
  ];
}

const SEARCHES = [
  {
    name: 'all',
    title: 'Sync logs',
    query: '',
    columns: ['operation_type', 'status', 'customer.name', 'customer_email', 'onec_id', 'duration_ms', 'error_message'],
  },
  {
    name: 'errors',
    title: 'Sync errors',
    query: 'status:error',
    columns: ['operation_type', 'customer.name', 'onec_id', 'error_type', 'error_message', 'correlation_id'],
  },
  {
    name: 'conflicts',
    title: 'Conflicts needing manual review',
    query: 'operation_type:conflict_resolution and manual_review_required:true',
    columns: ['customer.name', 'onec_id', 'conflict_type', 'status', 'message'],
  },
  {
    name: 'one-run',
    title: 'One sync run (filter correlation_id)',
    query: 'correlation_id:*',
    columns: ['correlation_id', 'operation_type', 'status', 'customer.name', 'duration_ms', 'message'],
    sort: 'asc',
  },
] as const;

/** Every saved object for `prefix`, in import order (what is referenced comes first). */
export function savedObjects(prefix: string): SavedObject[] {
  const ids = objectIds(prefix);
  const alias = `${prefix}-logs`;
  const objects: SavedObject[] = [
    {
      id: ids.indexPattern,
      type: 'index-pattern',
      attributes: { title: alias, timeFieldName: field('@timestamp') },
      references: [],
    },
  ];
  for (const s of SEARCHES) {
    for (const column of s.columns) field(column);
    objects.push({
      id: ids.search(s.name),
      type: 'search',
      attributes: {
        title: s.title,
        description: '',
        columns: [...s.columns],
        sort: [[field('@timestamp'), 'sort' in s ? s.sort : 'desc']],
        kibanaSavedObjectMeta: { searchSourceJSON: searchSource(s.query) },
      },
      references: indexRef(ids.indexPattern),
    });
  }
  const vis = visualisations(alias);
  for (const v of vis) {
    objects.push({
      id: ids.visualization(v.name),
      type: 'visualization',
      attributes: {
        title: v.title,
        description: '',
        visState: JSON.stringify({ title: v.title, type: v.type, params: v.params, aggs: v.aggs }),
        uiStateJSON: '{}',
        kibanaSavedObjectMeta: {
          searchSourceJSON:
            v.type === 'metrics'
              ? JSON.stringify({ query: { query: '', language: 'kuery' }, filter: [] })
              : searchSource(v.query ?? ''),
        },
      },
      references: v.type === 'metrics' ? [] : indexRef(ids.indexPattern),
    });
  }
  const panels = vis.map((v, i) => ({
    panelIndex: String(i + 1),
    gridData: { x: (i % 2) * 24, y: Math.floor(i / 2) * 15, w: 24, h: 15, i: String(i + 1) },
    version: '3.0.0',
    embeddableConfig: {},
    panelRefName: `panel_${i}`,
  }));
  objects.push({
    id: ids.dashboard,
    type: 'dashboard',
    attributes: {
      title: 'Sync operations',
      description: 'synclog: sync operations by status and type, error rate, durations, top errors and customers',
      panelsJSON: JSON.stringify(panels),
      optionsJSON: JSON.stringify({ useMargins: true, hidePanelTitles: false }),
      timeRestore: true,
      timeFrom: 'now-24h',
      timeTo: 'now',
      refreshInterval: { pause: false, value: 60_000 },
      kibanaSavedObjectMeta: {
        searchSourceJSON: JSON.stringify({ query: { query: '', language: 'kuery' }, filter: [] }),
      },
    },
    references: vis.map((v, i) => ({ name: `panel_${i}`, type: 'visualization', id: ids.visualization(v.name) })),
  });
  return objects;
}

/** The objects as the saved-objects import API takes them: one JSON object per line. */
export const toNdjson = (objects: readonly SavedObject[]) => `${objects.map((o) => JSON.stringify(o)).join('\n')}\n`;
