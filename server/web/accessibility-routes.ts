import { Authority } from "../authorities/model";
import { Wave } from "../waves/model";
import { slugParams } from "../take/schema";
import { NotFoundError } from "../errors";
import { defineRoute } from "../http/route";
import { langQuery } from "../shared/schemas";
import { textIn, type RespondentLocale } from "../shared/locales";
import { authorityParams } from "../results/schema";
import {
  accessibilityContactBody,
  accessibilityStatementSchema,
  storedAccessibilityContactSchema,
  type AccessibilityStatement,
} from "./accessibility-schema";
import { authorityInScope } from "../authorities/in-scope";

/** The statement's data for an authority: its name and its accessibility contact, if given. */
export async function accessibilityStatement(
  slug: string,
  locale: RespondentLocale,
): Promise<AccessibilityStatement> {
  const authority = await Authority.findOne({ slug }).lean();
  if (!authority) throw new NotFoundError();
  const c = authority.accessibilityContact;
  const contact =
    c && c.role && (c.email || c.phone)
      ? {
          role: textIn(c.role, locale),
          ...(c.email ? { email: c.email } : {}),
          ...(c.phone ? { phone: c.phone } : {}),
        }
      : null;
  return { authority: { slug: authority.slug, name: textIn(authority.name, locale) }, contact };
}

/**
 * Whom a resident holding an open link can ask, whatever became of its survey
 * (closed, paused, not open yet): the authority behind the link, as
 * `accessibilityStatement` gives it. A link no survey ever had, or a draft's
 * (not published, so not to be told about), is NOT_FOUND.
 */
export async function linkContact(
  slug: string,
  locale: RespondentLocale,
): Promise<AccessibilityStatement> {
  const wave = await Wave.findOne({ openLinkSlug: slug }, { authorityId: 1, status: 1 }).lean();
  const published = wave && wave.status !== "draft";
  const authority = published
    ? await Authority.findById(wave.authorityId, { slug: 1 }).lean()
    : null;
  if (!authority) throw new NotFoundError();
  return accessibilityStatement(authority.slug, locale);
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
    handler: async ({ params, query, locale }) => ({
      status: 200,
      body: await accessibilityStatement(params.slug, query.lang ?? locale),
      headers: { "Cache-Control": "public, max-age=300" },
    }),
  }),
  defineRoute({
    method: "get",
    path: "/api/public/links/:slug/contact",
    summary: "Whom to ask about an open link that does not open a survey now",
    tags: ["respondent"],
    auth: "public",
    params: slugParams,
    query: langQuery,
    response: {
      status: 200,
      schema: accessibilityStatementSchema,
      description: "The authority behind the link and its contact (null when none given)",
    },
    errors: [400, 404, 429],
    handler: async ({ params, query, locale }) => ({
      status: 200,
      body: await linkContact(params.slug, query.lang ?? locale),
      headers: { "Cache-Control": "public, max-age=300" },
    }),
  }),
  defineRoute({
    method: "get",
    path: "/api/authorities/:slug/accessibility-contact",
    summary: "Whom residents ask about accessibility, as stored, for the workspace's form",
    tags: ["authorities"],
    auth: ["admin", "researcher"],
    params: authorityParams,
    response: {
      status: 200,
      schema: storedAccessibilityContactSchema,
      description: "The contact in he/ar/en, or null (never the public statement's cached copy)",
    },
    errors: [401, 403, 404],
    handler: async ({ params, principal }) => {
      const authority = await authorityInScope(principal, params.slug);
      const c = authority.accessibilityContact;
      const contact =
        c?.role && (c.email || c.phone)
          ? {
              role: { he: c.role.he, ar: c.role.ar, en: c.role.en },
              ...(c.email ? { email: c.email } : {}),
              ...(c.phone ? { phone: c.phone } : {}),
            }
          : null;
      return { status: 200, body: { contact }, headers: { "Cache-Control": "no-store" } };
    },
  }),
  defineRoute({
    method: "put",
    path: "/api/authorities/:slug/accessibility-contact",
    summary: "Sets (or clears, with null) whom residents ask about accessibility",
    tags: ["authorities"],
    auth: ["admin", "researcher"],
    params: authorityParams,
    body: accessibilityContactBody,
    response: {
      status: 200,
      schema: storedAccessibilityContactSchema,
      description: "The contact as stored, in he/ar/en",
    },
    errors: [400, 401, 403, 404, 415],
    handler: async ({ params, body, principal }) => {
      const authority = await authorityInScope(principal, params.slug);
      const update = body.contact
        ? { $set: { accessibilityContact: body.contact } }
        : { $unset: { accessibilityContact: 1 } };
      await Authority.updateOne({ _id: authority._id }, update, { runValidators: true });
      return { status: 200, body: { contact: body.contact } };
    },
  }),
];
