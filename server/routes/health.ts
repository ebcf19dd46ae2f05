/** `GET /health`: for load balancers, not part of the contract. */
import type { FastifyInstance } from 'fastify';
import { allowOnly } from './allow.js';

export async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get('/health', { config: { allow: 'GET' } }, async () => ({ ok: true }));
  allowOnly(app, '/health', ['GET']);
}
