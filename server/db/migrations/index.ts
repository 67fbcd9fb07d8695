import { baselineIndexes } from "./0001-baseline-indexes";
import { marginSetIndexes } from "./0002-margin-sets";
import { exportIndexes } from "./0003-exports";
import { incrementalAggregateIndexes } from "./0004-incremental-aggregates";
import { authorityCalendar } from "./0005-authority-calendar";
import { groupExampleIndexes } from "./0006-group-examples";
import { translationReviewIndexes } from "./0007-translation-reviews";
import { quotaCellIndexes } from "./0008-quota-cells";
import { responseFrames } from "./0009-response-frames";
import { listChangeStampIndexes } from "./0010-list-change-stamps";
import { programChangeStampIndexes } from "./0011-program-change-stamps";
import type { Migration } from "./migration";

/** Every migration, in the order they run. Append; never edit or reorder one that shipped. */
export const MIGRATIONS: readonly Migration[] = [
  baselineIndexes,
  marginSetIndexes,
  exportIndexes,
  incrementalAggregateIndexes,
  authorityCalendar,
  groupExampleIndexes,
  translationReviewIndexes,
  quotaCellIndexes,
  responseFrames,
  listChangeStampIndexes,
  programChangeStampIndexes,
];
