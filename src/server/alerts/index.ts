// GET /api/alerts: the budgets, where each stands in its current period, and the alerts raised.
import { Elysia } from 'elysia';
import type { AlertMonitor } from '../../alerts/alert-monitor.ts';
import { AlertsResponse } from '../../api/alerts.ts';

export const alertsRoutes = (monitor: AlertMonitor) =>
  new Elysia({ name: 'alerts', prefix: '/api' }).get('/alerts', () => monitor.view(), {
    response: { 200: AlertsResponse },
    detail: {
      tags: ['alerts'],
      summary: 'Budgets (daily, monthly, per 5-hour block), their standing and the alerts raised',
    },
  });
