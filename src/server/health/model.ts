// Response schema of GET /api/health.
import { t } from 'elysia';

export const HealthResponse = t.Object({
  status: t.Literal('ok', { description: 'always "ok" while the daemon answers' }),
  version: t.String({ description: 'cco version' }),
  uptime_s: t.Number({ description: 'seconds since the daemon started' }),
});
