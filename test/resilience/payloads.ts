/**
 * Strings that attack a page which treats text as markup, URLs or styles,
 * shared by the browser XSS tests and the strict-CSP page test. Every one
 * must render as the very characters it is made of.
 */
export const XSS_PAYLOADS: readonly string[] = [
  '<script>alert(1)</script>',
  '<script>window.__xss = (window.__xss || 0) + 1</script>',
  '<img src=x onerror=alert(1)>',
  '<img src=x onerror="window.__xss=1">',
  '"><svg onload=alert(1)>',
  "'><svg/onload=window.__xss=1>",
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  '<a href="javascript:alert(1)">x</a>',
  '<style>*{display:none}</style>',
  'expression(alert(1))',
  'url(javascript:alert(1))',
  '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '{{constructor.constructor("alert(1)")()}}',
  '${alert(1)}',
  '<!--?lit$123$--><b>marker</b>',
  '\u202Eevil\u202C',
  'a\u0000b',
  'lone \uD800 high and \uDC00 low',
  'see https://example.com/<script>alert(1)</script> and javascript:alert(1)',
];

/** A long string of markup, the length of a body paragraph nobody should write. */
export const longPayload = (length: number): string =>
  '<b onmouseover=alert(1)>x</b>'.repeat(Math.ceil(length / 30)).slice(0, length);

/** Tags a payload could smuggle in; none may exist anywhere in the widget's shadow roots. */
export const FORBIDDEN_TAGS = [
  'script',
  'img',
  'svg',
  'iframe',
  'style',
  'math',
  'b',
  'object',
  'embed',
  'link',
  'meta',
  'table',
];
