import { version } from "../package.json";

/**
 * The platform's version, as package.json gives it: the one place it is written, so the
 * health answer and the OpenAPI document cannot disagree with a release.
 */
export const VERSION: string = version;
