/** Why an article could not be shown. */
export type ArticleErrorReason = 'network' | 'timeout' | 'http' | 'json' | 'invalid';

/** An article that could not be loaded, parsed or validated. */
export class ArticleLoadError extends Error {
  override name = 'ArticleLoadError';
  constructor(
    readonly reason: ArticleErrorReason,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
