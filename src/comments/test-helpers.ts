/** Helpers shared by the comment store tests. */
import { expect } from '@open-wc/testing';
import { CommentStoreError } from './store.js';

/** The CommentStoreError `promise` rejects with; fails the test if it resolves or rejects otherwise. */
export async function rejection(promise: Promise<unknown>): Promise<CommentStoreError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(CommentStoreError);
    return error as CommentStoreError;
  }
  throw new Error('expected a rejection');
}
