import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { requestEndpoint } from './request-endpoint.ts';
import { routeTemplate } from './url-path.ts';

const request = (extra: object = {}) => ({ ...extra }) as IncomingMessage;

describe('routeTemplate', () => {
  it('replaces numbers, UUIDs, long hex, e-mails and long tokens with :id and keeps names', () => {
    expect(routeTemplate('/customers/42')).toBe('/customers/:id');
    expect(routeTemplate('/customers/3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b/orders?page=2')).toBe(
      '/customers/:id/orders',
    );
    expect(routeTemplate('/objects/7f3ca1b29e8d4c56/history')).toBe('/objects/:id/history');
    expect(routeTemplate('/users/anna@example.com')).toBe('/users/:id');
    expect(routeTemplate('/tokens/Ab3dEf6hIj9kLm2nOp')).toBe('/tokens/:id');
    expect(routeTemplate('/health')).toBe('/health');
    expect(routeTemplate('/api/v2/customer-sync')).toBe('/api/v2/customer-sync');
    expect(routeTemplate('')).toBe('/');
  });
});

describe('requestEndpoint', () => {
  it('takes the route the caller names first', () => {
    const req = request({ route: { path: '/express/:id' } });
    expect(requestEndpoint(req, '/customers/42', () => '/customers/:customerId')).toBe('/customers/:customerId');
  });

  it("takes Express's matched route with its router's base URL when the caller names none", () => {
    const req = request({ baseUrl: '/api', route: { path: '/customers/:id' } });
    expect(requestEndpoint(req, '/api/customers/42')).toBe('/api/customers/:id');
    expect(requestEndpoint(req, '/api/customers/42', () => undefined)).toBe('/api/customers/:id');
  });

  it('collapses the ids of the path when no route is known', () => {
    expect(requestEndpoint(request(), '/customers/42')).toBe('/customers/:id');
  });
});
