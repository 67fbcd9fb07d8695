/**
 * Input the engine cannot analyse honestly (a respondent outside every margin,
 * shares that do not sum to 1, a missing column). The message is for the
 * researcher running the `analyze` verb; the lead maps this to the server's
 * error catalogue when the engine is wired into the results service.
 */
export class AnalysisInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AnalysisInputError";
  }
}
