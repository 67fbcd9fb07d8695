import { Authority } from "./model";

/**
 * Ids (hex) of the comparison authorities: surveyed like the program's
 * localities but not in the program, so never part of its benchmark or pooled
 * figures. Authorities stored before the status existed are treated.
 */
export async function comparisonAuthorityIds(): Promise<Set<string>> {
  const docs = await Authority.find({ programStatus: "comparison" }, { _id: 1 }).lean();
  return new Set(docs.map((d) => d._id.toHexString()));
}
