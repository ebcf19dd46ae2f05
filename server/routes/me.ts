/**
 * `GET /me` and `DELETE /me`: a signed-in reader's right to their data.
 * The first answers everything the server keeps of them (their account as
 * their tokens named it, and their comments on every article); the second
 * deletes their comments (a thread that others answered is kept as a
 * deleted mark, without their words or name) and then their account.
 * Only the reader's own token can ask: there is no other way in.
 */
import type { FastifyInstance } from 'fastify';
import type { ErasedData, ReaderData } from '../../src/model/comments/contract.js';
import { signInRequired } from '../errors.js';
import type { CommentStorage } from '../storage/storage.js';
import { allowOnly } from './allow.js';

export interface MeRoutesOptions {
  readonly storage: CommentStorage;
}

export async function meRoutes(app: FastifyInstance, { storage }: MeRoutesOptions): Promise<void> {
  const config = { allow: 'GET, DELETE' };

  app.get('/me', { config }, async (request): Promise<ReaderData> => {
    if (!request.identity) throw signInRequired();
    return (await storage.readerData(request.identity)) ?? { user: null, comments: [] };
  });

  app.delete('/me', { config }, async (request): Promise<ErasedData> => {
    if (!request.identity) throw signInRequired();
    return { erased: true, comments: await storage.erase(request.identity) };
  });
  allowOnly(app, '/me', ['GET', 'DELETE']);
}
