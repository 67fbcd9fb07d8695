// Types only: erased at build time, so no server code reaches the bundle.
export type { OpenSurvey } from "../../server/take/schema";

/** POST /api/take/:slug/responses answer (submissionResultSchema). */
export interface SubmissionResult {
  id: string;
  submittedAt: string;
}
