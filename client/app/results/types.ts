// Types only: erased at build time.
import type { AuthorityResults } from "../../../server/results/schema";

export type { AuthorityResults };
export type Construct = AuthorityResults["constructs"][number];
export type Wave = AuthorityResults["waves"][number];
export type Point = Construct["points"][number];
