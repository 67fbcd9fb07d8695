/** The id of each document holding a key; a set while several do (a replay, a non-unique index). */
export type Holders = string | Set<string>;

/**
 * The key of a compound key's first part. A compound key is made by `keyString`
 * (values.ts) as "a", then each part's length, ":" and the part's own key.
 */
export function leadOf(key: string): string {
  const colon = key.indexOf(":", 1);
  return key.slice(colon + 1, colon + 1 + Number(key.slice(1, colon)));
}

/**
 * An index's keys and the ids that hold them, for unique checks and equality
 * lookups. A compound index's keys are grouped by the key of their first field,
 * so the documents of one first-field value (one wave's responses in an index
 * on wave and panel member) are found without reading the others': a range
 * within that value then orders only them (indexes.ts, `partFor`).
 */
export class KeyHash {
  /** A single-field index: key → holders. */
  private readonly flat = new Map<string, Holders>();
  /** A compound index: first field's key → key → holders. */
  private readonly byLead = new Map<string, Map<string, Holders>>();

  constructor(private readonly compound: boolean) {}

  private groupOf(key: string): Map<string, Holders> | undefined {
    return this.compound ? this.byLead.get(leadOf(key)) : this.flat;
  }

  get(key: string): Holders | undefined {
    return this.groupOf(key)?.get(key);
  }

  hold(key: string, idKey: string): void {
    let group = this.groupOf(key);
    if (!group) {
      group = new Map();
      this.byLead.set(leadOf(key), group);
    }
    const holders = group.get(key);
    if (holders === undefined) group.set(key, idKey);
    else if (typeof holders === "string") {
      if (holders !== idKey) group.set(key, new Set([holders, idKey]));
    } else holders.add(idKey);
  }

  release(key: string, idKey: string): void {
    const group = this.groupOf(key);
    const holders = group?.get(key);
    if (holders === idKey) {
      group!.delete(key);
      if (this.compound && group!.size === 0) this.byLead.delete(leadOf(key));
    } else if (holders instanceof Set) {
      holders.delete(idKey);
      if (holders.size === 1) group!.set(key, [...holders][0]!);
    }
  }

  clear(): void {
    this.flat.clear();
    this.byLead.clear();
  }

  /** Every key with its holders. */
  *entries(): Generator<[string, Holders]> {
    if (!this.compound) yield* this.flat;
    else for (const group of this.byLead.values()) yield* group;
  }

  /** How many ids hold keys whose first field's key is `lead` (an id counted once per key). */
  countWithLead(lead: string): number {
    let n = 0;
    for (const holders of this.byLead.get(lead)?.values() ?? [])
      n += typeof holders === "string" ? 1 : holders.size;
    return n;
  }

  /** The holders of every key whose first field's key is `lead` (a compound index's). */
  *withLead(lead: string): Generator<string> {
    for (const holders of this.byLead.get(lead)?.values() ?? []) {
      if (typeof holders === "string") yield holders;
      else yield* holders;
    }
  }
}
