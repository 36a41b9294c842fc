/** How the interleaved figures take turns between clients (see `figures/cycle.ts` for why). */

/**
 * Runs `step` `n` times for each item (a client or its pair), the items taking turns (A B C, then B C A,
 * ...: the order rotates each time), and collects what each step returns, per item. An item whose step
 * throws is reported through `onError` and leaves (its results are dropped).
 */
export async function takeTurns<TId extends string, TItem, T>(
  items: ReadonlyMap<TId, TItem>,
  n: number,
  onError: (id: TId, error: unknown) => void,
  step: (item: TItem) => Promise<T>,
): Promise<Map<TId, T[]>> {
  const ids = [...items.keys()];
  const out = new Map<TId, T[]>(ids.map((id) => [id, []]));
  const failed = new Set<TId>();
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < ids.length; k++) {
      const id = ids[(i + k) % ids.length] as TId;
      if (failed.has(id)) continue;
      try {
        out.get(id)?.push(await step(items.get(id) as TItem));
      } catch (error) {
        failed.add(id);
        onError(id, error);
      }
    }
  }
  for (const id of failed) out.delete(id);
  return out;
}
