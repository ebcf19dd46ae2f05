import { expect, fixture, html } from '@open-wc/testing';
import { seedArticle } from '../model/article/seed.js';
import type { NewsArticle } from '../news-article/news-article.js';
import type { NewsPullquote } from './news-pullquote.js';
import './news-pullquote.js';
import '../news-article/news-article.js';

const part = (el: Element, name: string) => el.shadowRoot!.querySelector(`[part="${name}"]`);

describe('<news-pullquote>', () => {
  describe('inside <news-article>', () => {
    it('shows the article’s quote and attribution, from context', async () => {
      const article = await fixture<NewsArticle>(html`<news-article><news-pullquote></news-pullquote></news-article>`);
      const quote = article.querySelector('news-pullquote')!;
      await quote.updateComplete;
      expect(part(quote, 'quote')!.textContent).to.equal('constant escalation can lead to serious consequences');
      expect(part(quote, 'attribution')!.textContent).to.equal('Vladimir Putin');
    });

    it('hides the duplicate of body text from screen readers, in the article’s language', async () => {
      const article = await fixture<NewsArticle>(html`<news-article><news-pullquote></news-pullquote></news-article>`);
      const quote = article.querySelector('news-pullquote')!;
      await quote.updateComplete;
      const figure = part(quote, 'figure')!;
      expect(figure.getAttribute('aria-hidden')).to.equal('true');
      expect(figure.getAttribute('lang')).to.equal('en');
      await expect(article).to.be.accessible();
    });

    it('follows the article when it changes, and shows nothing when it has no quote', async () => {
      const article = await fixture<NewsArticle>(html`<news-article><news-pullquote></news-pullquote></news-article>`);
      const quote = article.querySelector('news-pullquote')!;
      article.article = { id: 'x', lang: 'en', headline: 'H', body: ['No quote here.'], comments: [] };
      await article.updateComplete;
      await quote.updateComplete;
      expect(part(quote, 'figure')).to.equal(null);
    });

    it('ignores its own attributes: the article decides what is quoted', async () => {
      const article = await fixture<NewsArticle>(
        html`<news-article><news-pullquote text="Words the article lacks" attribution="Nobody"></news-pullquote></news-article>`,
      );
      const quote = article.querySelector('news-pullquote')!;
      await quote.updateComplete;
      expect(part(quote, 'quote')!.textContent).to.equal(seedArticle.pullquote!.text);
    });
  });

  describe('standalone', () => {
    it('shows the seed article’s quote when given nothing, read normally by screen readers', async () => {
      const quote = await fixture<NewsPullquote>(html`<news-pullquote></news-pullquote>`);
      expect(part(quote, 'quote')!.textContent).to.equal(seedArticle.pullquote!.text);
      expect(part(quote, 'attribution')!.textContent).to.equal('Vladimir Putin');
      expect(part(quote, 'figure')!.hasAttribute('aria-hidden')).to.equal(false);
      expect(quote.shadowRoot!.querySelector('figure > blockquote + figcaption')).to.exist;
      await expect(quote).to.be.accessible();
    });

    it('shows its text and attribution attributes as text', async () => {
      const quote = await fixture<NewsPullquote>(
        html`<news-pullquote text=${'<b>bold?</b>'} attribution="A. Person"></news-pullquote>`,
      );
      expect(part(quote, 'quote')!.textContent).to.equal('<b>bold?</b>');
      expect(part(quote, 'quote')!.querySelector('b')).to.equal(null);
      expect(part(quote, 'attribution')!.textContent).to.equal('A. Person');
    });

    it('shows its own text content, with no attribution it was not given', async () => {
      const quote = await fixture<NewsPullquote>(html`<news-pullquote>Some quoted words</news-pullquote>`);
      const slot = part(quote, 'quote')!.querySelector('slot')!;
      expect(
        slot
          .assignedNodes()
          .map((node) => node.textContent)
          .join(''),
      ).to.equal('Some quoted words');
      expect(part(quote, 'attribution')).to.equal(null);
    });
  });
});
