import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../../shared/api";
import { LocalizedFields } from "../LocalizedFields";
import { hrefOf, wavePath } from "../routes";
import { fieldIssues, issuesAt, sendJson, type WaveOptions, type WaveView } from "./api";
import { AuthorityPicker } from "./AuthorityPicker";
import { FieldErrors } from "./FieldErrors";
import { InstrumentVersionField } from "./InstrumentVersionField";
import { localesOf, longest } from "./new-wave-texts";
import { newSettings, settingsBody, type Texts } from "./settings";
import { WaveKindField } from "./WaveKindField";
import { WaveSettingsFields } from "./WaveSettingsFields";
import { useAppLocale } from "../../locale-context";

/**
 * New waves: the authorities, the instrument version, kind, name and settings;
 * on success, the new wave's page (one authority) or the list with them marked.
 */
export function NewWaveForm({ options }: { options: WaveOptions }) {
  const { t } = useTranslation("ws-waves");
  const { locale } = useAppLocale();
  const id = useId();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [versionId, setVersionId] = useState(options.instruments[0]?.id ?? "");
  const [kind, setKind] = useState<"baseline" | "follow-up">("baseline");
  const [name, setName] = useState<Texts>({ he: "", ar: "", en: "" });
  const [settings, setSettings] = useState(newSettings);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const issues = fieldIssues(error);
  const at = (field: string) => issuesAt(issues, field);

  const chosen = options.authorities.filter((a) => selected.has(a.slug));
  const version = options.instruments.find((v) => v.id === versionId);
  const gaps = version
    ? localesOf(chosen.map((a) => a.population)).filter((l) => (version.missing[l] ?? 0) > 0)
    : [];
  const one = chosen.length === 1;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const wantsSlug = one && settings.channels.includes("open-link") && settings.openLinkSlug;
    try {
      const created = await sendJson<WaveView[]>("POST", `/api/waves?lang=${locale}`, {
        authorities: [...selected],
        instrumentVersionId: versionId,
        kind,
        name,
        ...settingsBody(settings),
        ...(wantsSlug ? { openLinkSlug: settings.openLinkSlug } : {}),
      });
      const only = created.length === 1 ? created[0] : undefined;
      window.location.assign(
        only
          ? hrefOf(wavePath(only.authority.slug, only.id), locale)
          : `${hrefOf("/workspace/waves", locale)}&new=${created.map((w) => w.id).join(",")}`,
      );
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <form className="ws-form wv-form" onSubmit={submit} noValidate data-testid="new-wave-form">
      <p>{t("form.intro")}</p>
      <AuthorityPicker
        authorities={options.authorities}
        selected={selected}
        onChange={setSelected}
        errorId={at("authorities").length ? `${id}-auth-err` : undefined}
      />
      <FieldErrors id={`${id}-auth-err`} codes={at("authorities")} />

      <InstrumentVersionField
        instruments={options.instruments}
        versionId={versionId}
        onChange={setVersionId}
        gaps={gaps}
        codes={at("instrumentVersionId")}
      />

      <WaveKindField kind={kind} onChange={setKind} />

      <div data-testid="wave-name">
        <LocalizedFields label={t("form.name")} value={name} onChange={setName} />
        <FieldErrors id={`${id}-name-err`} codes={at("name")} />
      </div>

      <WaveSettingsFields
        value={settings}
        onChange={setSettings}
        issues={issues}
        slugAllowed={one}
        quietDefaultAllowed
        authorityNames={longest((chosen.length ? chosen : options.authorities).map((a) => a.name))}
        waveName={name}
      />

      {error ? (
        <div role="alert" className="notice notice--error" data-testid="form-error">
          <p>{errorMessage(error, t)}</p>
        </div>
      ) : null}
      <div className="wv-actions">
        <button type="submit" className="button" disabled={busy} data-testid="create-waves">
          {busy ? t("form.creating") : t("form.create", { count: Math.max(chosen.length, 1) })}
        </button>
        <a href={hrefOf("/workspace/waves", locale)}>{t("form.cancel")}</a>
      </div>
      <p role="status" className="visually-hidden">
        {busy ? t("form.creating") : ""}
      </p>
    </form>
  );
}
