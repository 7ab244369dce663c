/** At most this many characters of keys and values are kept per memoised function. */
const MEMO_CHARS = 16 * 1024 * 1024;

/**
 * `render` with its recent results kept (at most MEMO_CHARS characters of input and output, oldest
 * dropped first). For pure string functions on the render path: Markdown to HTML, HTML to plain text.
 */
export function memoised(render: (source: string) => string): (source: string) => string {
  const memo = new Map<string, string>();
  let chars = 0;
  return (source) => {
    const known = memo.get(source);
    if (known !== undefined) return known;
    const result = render(source);
    memo.set(source, result);
    chars += source.length + result.length;
    for (const [oldSource, oldResult] of memo) {
      if (chars <= MEMO_CHARS) break;
      memo.delete(oldSource);
      chars -= oldSource.length + oldResult.length;
    }
    return result;
  };
}
