// Placeholder while this page is written; replaced in the same change.
export function NewWavePage(_props: Record<string, unknown>) {
  return null;
}
