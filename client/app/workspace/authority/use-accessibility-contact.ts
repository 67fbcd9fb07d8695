import { useEffect, useState } from "react";
import { getJson, putJson } from "../../../shared/api";
import { checkContact, contactBody, type ContactErrors, type ContactForm } from "./contact-checks";

const EMPTY: ContactForm = { role: { he: "", ar: "", en: "" }, email: "", phone: "" };

/** Where saving the contact stands. */
export type ContactStatus =
  | { kind: "idle" }
  | { kind: "saving" }
  | { kind: "saved" }
  | { kind: "cleared" }
  | { kind: "failed"; error: unknown };

interface Stored {
  contact: { role: ContactForm["role"]; email?: string; phone?: string } | null;
}

/** The stored contact in every language (GET /api/authorities/:slug/accessibility-contact). */
async function loadContact(slug: string): Promise<ContactForm | null> {
  const { contact } = await getJson<Stored>(`/api/authorities/${slug}/accessibility-contact`);
  return contact
    ? { role: contact.role, email: contact.email ?? "", phone: contact.phone ?? "" }
    : null;
}

/**
 * An authority's accessibility contact as a form: read once, checked field by
 * field before it is sent (so the server's refusal is the exception), saved,
 * or removed. `form` is null until it is read.
 */
export function useAccessibilityContact(slug: string) {
  const [form, setForm] = useState<ContactForm | null>(null);
  const [stored, setStored] = useState(false);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [errors, setErrors] = useState<ContactErrors>({});
  const [status, setStatus] = useState<ContactStatus>({ kind: "idle" });

  useEffect(() => {
    let live = true;
    loadContact(slug).then(
      (contact) => {
        if (!live) return;
        setForm(contact ?? EMPTY);
        setStored(contact !== null);
      },
      (error: unknown) => live && setLoadError(error),
    );
    return () => {
      live = false;
    };
  }, [slug]);

  const send = async (body: unknown, done: "saved" | "cleared") => {
    setStatus({ kind: "saving" });
    try {
      await putJson(`/api/authorities/${slug}/accessibility-contact`, body);
      setStatus({ kind: done });
      setStored(done === "saved");
      if (done === "cleared") setForm(EMPTY);
    } catch (error) {
      setStatus({ kind: "failed", error });
    }
  };

  /** Checks the form and saves it when it is right; returns the fields in error. */
  const save = (): ContactErrors => {
    if (!form) return {};
    const found = checkContact(form);
    setErrors(found);
    if (Object.keys(found).length > 0) setStatus({ kind: "idle" });
    else void send(contactBody(form), "saved");
    return found;
  };

  const clear = () => void send({ contact: null }, "cleared");

  return { form, setForm, stored, loadError, errors, status, save, clear };
}
