import "./waves.css";
import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../../shared/api";
import { LOCALES, type Locale } from "../../../shared/locale";
import { LoadFailed } from "../../LoadFailed";
import { useJson } from "../../use-json";
import { LocalizedFields } from "../LocalizedFields";
import { hrefOf, wavePath } from "../routes";
import { fieldIssues, issuesAt, sendJson, type WaveOptions, type WaveView } from "./api";
import { AuthorityPicker } from "./AuthorityPicker";
import { FieldErrors } from "./FieldErrors";
import { newSettings, settingsBody, type Texts } from "./settings";
import { formatDay } from "./StatusBadge";
import { WaveSettingsFields } from "./WaveSettingsFields";
import { useAppLocale } from "../../locale-context";

/** The languages residents of these authorities answer in. */
function localesOf(populations: string[]): Locale[] {
  const need = new Set<Locale>();
  for (const p of populations) {
    if (p !== "arab") need.add("he");
    if (p !== "jewish") need.add("ar");
  }
  return LOCALES.filter((l) => need.has(l));
}

/** Per language, the longest of the names: SMS parts are counted for the longest text sent. */
function longest(names: Texts[]): Texts {
  const pick = (l: Locale) => names.map((n) => n[l]).sort((a, b) => b.length - a.length)[0] ?? "";
  return { he: pick("he"), ar: pick("ar"), en: pick("en") };
}

/** `/workspace/waves/new`: a draft wave in each chosen authority, from one published version. */
export function NewWavePage() {
  const { t } = useTranslation("ws-waves");
  const { locale } = useAppLocale();
  const [state, retry] = useJson<WaveOptions>(`/api/waves/options?lang=${locale}`);
  if (state.kind === "failed") return <LoadFailed error={state.error} onRetry={retry} />;
  if (state.kind === "loading") return <p role="status">{t("common:loading")}</p>;
  return <NewWaveForm options={state.data} />;
}

function NewWaveForm({ options }: { options: WaveOptions }) {
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

      <div className="wv-field">
        <label htmlFor={`${id}-version`}>{t("form.instrument")}</label>
        <select
          id={`${id}-version`}
          value={versionId}
          onChange={(e) => setVersionId(e.target.value)}
          aria-describedby={`${id}-version-hint`}
          aria-invalid={at("instrumentVersionId").length ? true : undefined}
          data-testid="wave-instrument"
        >
          {options.instruments.map((v) => (
            <option key={v.id} value={v.id}>
              {t("form.instrumentOption", {
                title: v.title[locale],
                key: v.key,
                version: v.version,
                date: formatDay(v.publishedAt, locale),
              })}
            </option>
          ))}
        </select>
        <p id={`${id}-version-hint`} className={gaps.length ? "ws-warn" : "ws-hint"}>
          {options.instruments.length === 0
            ? t("form.noInstrument")
            : gaps.length
              ? t("form.instrumentGaps", { langs: gaps.map((l) => t(`lang.${l}`)).join(", ") })
              : t("form.instrumentHint")}
        </p>
        <FieldErrors id={`${id}-version-err`} codes={at("instrumentVersionId")} />
      </div>

      <fieldset className="wv-fieldset">
        <legend>{t("form.kind")}</legend>
        <div className="wv-row">
          {(["baseline", "follow-up"] as const).map((k) => (
            <label key={k} className="ws-check">
              <input
                type="radio"
                name={`${id}-kind`}
                value={k}
                checked={kind === k}
                onChange={() => setKind(k)}
                data-testid={`kind-${k}`}
              />
              <span>{t(`kind.${k}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>

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
