import { z } from "zod";
import { Authority } from "../authorities/model";
import { NotFoundError } from "../errors";
import { defineRoute } from "../http/route";
import { localizedTextSchema } from "../i18n/localized-text.schema";
import { authorityParams } from "../results/schema";
import { accessibilityStatementSchema, type AccessibilityStatement } from "./accessibility-schema";

// The platform's languages, taken from the localized-text schema every authority name follows.
const language = localizedTextSchema.keyof();
type Locale = z.infer<typeof language>;
const langQuery = z.object({ lang: language.optional().describe("he, ar or en") });

/** The statement's data for an authority: its name and its accessibility contact, if given. */
export async function accessibilityStatement(
  slug: string,
  locale: Locale,
): Promise<AccessibilityStatement> {
  const authority = await Authority.findOne({ slug }).lean();
  if (!authority) throw new NotFoundError();
  const c = authority.accessibilityContact;
  const contact =
    c && c.role && (c.email || c.phone)
      ? {
          role: c.role[locale],
          ...(c.email ? { email: c.email } : {}),
          ...(c.phone ? { phone: c.phone } : {}),
        }
      : null;
  return { authority: { slug: authority.slug, name: authority.name[locale] }, contact };
}

/** The public data of the accessibility statement (IS 5568) linked from every resident page. */
export const accessibilityRoutes = [
  defineRoute({
    method: "get",
    path: "/api/public/authorities/:slug/accessibility",
    summary: "Who takes accessibility requests for this authority's resident pages",
    tags: ["participation"],
    auth: "public",
    params: authorityParams,
    query: langQuery,
    response: {
      status: 200,
      schema: accessibilityStatementSchema,
      description: "The authority's name and its accessibility contact (null when none given)",
    },
    errors: [400, 404, 429],
    handler: async ({ params, locale }) => ({
      status: 200,
      body: await accessibilityStatement(params.slug, locale),
      headers: { "Cache-Control": "public, max-age=300" },
    }),
  }),
];
