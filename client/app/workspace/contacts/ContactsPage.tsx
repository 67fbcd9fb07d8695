// Placeholder while this page is written; replaced in the same change.
export function ContactsPage(_props: Record<string, unknown>) {
  return null;
}
