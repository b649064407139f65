/**
 * Chart.js served from the project's own dependency (no CDN; the CSP allows scripts from our
 * origin only). Only the UMD build is exposed, not the package directory.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import express, { Router } from 'express';

const CHART_FILE = 'chart.umd.min.js';

/** The directory of Chart.js's browser builds in node_modules. */
export function chartJsDir(): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve('chart.js')); // …/chart.js/dist/chart.cjs
}

/** GET /insights/vendor/chart.umd.min.js (behind the guild's access check, like every page asset here). */
export function vendorRoutes(): Router {
  const router = Router({ mergeParams: true });
  const files = express.static(chartJsDir(), { index: false, maxAge: '1d', fallthrough: false });
  router.get(`/insights/vendor/${CHART_FILE}`, (req, res, next) => {
    req.url = `/${CHART_FILE}`;
    files(req, res, next);
  });
  return router;
}

export const CHART_SCRIPT = `insights/vendor/${CHART_FILE}`;
