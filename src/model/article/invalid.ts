/** Thrown when a value is not a valid article. */
export class InvalidArticleError extends Error {
  override name = 'InvalidArticleError';
  constructor(
    /** Path of the offending field, e.g. `body[3]`; empty for the whole value. */
    readonly path: string,
    problem: string,
  ) {
    super(path ? `${path} ${problem}` : `the article ${problem}`);
  }
}
