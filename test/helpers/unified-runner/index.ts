export {
  runSpecFile,
  loadSpecFile,
  type CaseResult,
  type RunnerOptions,
  type Target,
} from "./runner";
export { assertMatches, assertSameDocuments, MatchError } from "./match";
export { chooseTopology, compareVersions, unmetRequirements, type Topology } from "./requirements";
