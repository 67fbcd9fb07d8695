/**
 * Lists kept in a Map, grown in place. Spreading a Map's list into a new one
 * for each item (`m.set(k, [...(m.get(k) ?? []), x])`) copies it every time,
 * so a wave of n responses costs n² copies; ESLint refuses that form.
 */

/** Adds `value` to the list `map` holds under `key`, starting the list when there is none. */
export function addTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** `items` grouped by `keyOf`, each group in the items' order, the groups in order of first item. */
export function groupBy<T, K>(items: Iterable<T>, keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) addTo(groups, keyOf(item), item);
  return groups;
}
