/**
 * Imported events a page at a time by keyset on (dataset, key), for both stores'
 * `importedPages`: each page is the rows after the last page's last (dataset, key), the first
 * after ("", ""), before every dataset; a page shorter than `size` is the last.
 */
export async function* keysetPages<R extends { dataset?: unknown; key?: unknown }, T>(
  page: (after: readonly unknown[], size: number) => Promise<R[]> | R[],
  size: number,
  map: (r: R) => T,
): AsyncGenerator<T[]> {
  for (let after: readonly unknown[] = ["", ""]; ; ) {
    const rows = await page(after, size);
    if (rows.length) yield rows.map(map);
    if (rows.length < size) return;
    after = [rows.at(-1)!.dataset, rows.at(-1)!.key];
  }
}
