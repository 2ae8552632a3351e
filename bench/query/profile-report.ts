import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixed, formatTable } from '../shared/format-table.ts';
import { areaKey, functionKey, profileDuring, selfTimes } from './cpu-profile.ts';
import type { ListPath } from './list-latency.ts';

/**
 * Profiles `requests` list requests through the service, then as many through the proxy (this
 * process holds the load generator, the service and the proxy, so the caller's share is in both),
 * and prints CPU µs per request by area, service minus proxy, and the service pass's top functions.
 */
export async function profileServiceAgainstProxy(options: {
  service: ListPath;
  proxy: ListPath;
  queries: readonly string[];
  requests: number;
  say: (line: string) => void;
}): Promise<string> {
  const pass = (path: ListPath) => async () => {
    for (let i = 0; i < options.requests; i++) await path(options.queries[i % options.queries.length]!);
  };
  const file = (name: string) => join(tmpdir(), `synclog-bench-query-${name}-${process.pid}.cpuprofile`);
  const service = await profileDuring(pass(options.service), file('service'));
  const proxy = await profileDuring(pass(options.proxy), file('proxy'));
  options.say(`profiles written to ${file('service')} and ${file('proxy')}`);
  const perRequest = (us: number | undefined) => (us ?? 0) / options.requests;
  const serviceAreas = selfTimes(service, areaKey);
  const proxyAreas = selfTimes(proxy, areaKey);
  const areas = [...new Set([...serviceAreas.keys(), ...proxyAreas.keys()])]
    .map((area) => ({ area, service: perRequest(serviceAreas.get(area)), proxy: perRequest(proxyAreas.get(area)) }))
    .sort((a, b) => b.service - b.proxy - (a.service - a.proxy));
  const total = (times: Map<string, number>) => perRequest([...times.values()].reduce((a, b) => a + b, 0));
  const areaRows = [
    ...areas.slice(0, 14).map((a) => [a.area, fixed(a.service, 0), fixed(a.proxy, 0), fixed(a.service - a.proxy, 0)]),
    [
      'all (busy, idle left out)',
      fixed(total(serviceAreas), 0),
      fixed(total(proxyAreas), 0),
      fixed(total(serviceAreas) - total(proxyAreas), 0),
    ],
  ];
  const functions = [...selfTimes(service, functionKey).entries()].sort((a, b) => b[1] - a[1]).slice(0, 20);
  return [
    `CPU profile (this process, ${options.requests} requests each, sampled every 100 µs): self time per request, wall-clock between samples, so time spent waiting for the core counts too`,
    '',
    formatTable(['area', 'service µs/req', 'proxy µs/req', 'difference'], areaRows),
    '',
    formatTable(
      ['service pass: top functions by self time', 'µs/req'],
      functions.map(([name, us]) => [name, fixed(perRequest(us), 1)]),
    ),
  ].join('\n');
}
