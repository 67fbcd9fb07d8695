/** The monitoring API's shapes, taken from the server's zod schemas (type-only imports). */
import type {
  OutboxPage,
  ProgramMonitoring,
  WaveMonitoring,
} from "../../../../server/distribution/monitoring/schema";

export type { OutboxPage, ProgramMonitoring, WaveMonitoring };
export type ProgramRow = ProgramMonitoring["rows"][number];
export type OutboxMessage = OutboxPage["messages"][number];
export type MessageStatus = OutboxMessage["status"];
export type Funnel = WaveMonitoring["sms"];
