import { z } from "zod";
import { defineRoute } from "../http/route";
import { langQuery } from "../take/schema";
import { Authority } from "./model";

const authorityListSchema = z.array(
  z.object({ id: z.string(), slug: z.string(), name: z.string() }),
);

export const authorityRoutes = [
  defineRoute({
    method: "get",
    path: "/api/authorities",
    summary: "The program's authorities",
    tags: ["authorities"],
    query: langQuery,
    response: { status: 200, schema: authorityListSchema, description: "Authorities by name" },
    errors: [400],
    handler: async ({ locale }) => {
      const all = await Authority.find({}, { slug: 1, name: 1 }).lean();
      const body = all
        .map((a) => ({ id: a._id.toHexString(), slug: a.slug, name: a.name[locale] }))
        .sort((a, b) => a.name.localeCompare(b.name, locale));
      return { status: 200, body };
    },
  }),
];
