import { Hono } from 'hono';
import { CONSOLE_CSS, CONSOLE_JS } from './console-assets.ts';

const asset = (type: string) => ({ 'Content-Type': `${type}; charset=utf-8`, 'Cache-Control': 'max-age=300' });

/** The console's stylesheet and script, served from this origin as the Content-Security-Policy requires. */
export function assetRoutes() {
  return new Hono()
    .get('/console/assets/console.css', (c) => c.body(CONSOLE_CSS, 200, asset('text/css')))
    .get('/console/assets/console.js', (c) => c.body(CONSOLE_JS, 200, asset('text/javascript')));
}
