/** The workspace API's shapes, taken from the server's zod schemas (type-only imports). */
export type {
  DraftContent,
  DraftEntry,
  DraftPage,
  DraftText,
  DraftView,
  CustomQuestion,
  DraftCondition,
  ConditionRule,
} from "../../../server/bank/schema";
export type {
  BankView,
  DraftDiff,
  InstrumentList,
  PublishResult,
} from "../../../server/bank/view-schema";
