import { expect } from '@open-wc/testing';

/** Checks the harness itself: a real server answers, on a real database. */
describe('the comments server beside the browser tests', () => {
  it('serves the REST contract across origins', async () => {
    const { url } = await (await fetch('/__comments-server')).json();
    const { articleId } = await (await fetch('/__comments-server/article', { method: 'POST' })).json();
    const response = await fetch(`${url}/articles/${articleId}/comments/count`);
    expect(response.status).to.equal(200);
    expect(await response.json()).to.deep.equal({ count: 0 });
  });
});
