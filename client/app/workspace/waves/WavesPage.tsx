import "./waves.css";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { LoadFailed } from "../../LoadFailed";
import type { SessionInfo } from "../../session";
import { useJson } from "../../use-json";
import { hrefOf, wavePath } from "../routes";
import type { WaveList, WaveView } from "./api";
import { dayOf } from "./settings";
import { formatDay, StatusBadge } from "./StatusBadge";
import { useAppLocale } from "../../locale-context";

interface Props {
  session: SessionInfo;
}

interface Group {
  key: string;
  first: WaveView;
  waves: WaveView[];
}

/** Waves set up together (same name, kind, instrument version and opening day) form one group. */
function groupsOf(waves: WaveView[]): Group[] {
  const groups = new Map<string, Group>();
  for (const w of waves) {
    const key = [w.name.he, w.kind, w.instrument.id, dayOf(w.opensAt)].join("|");
    const g = groups.get(key);
    if (g) g.waves.push(w);
    else groups.set(key, { key, first: w, waves: [w] });
  }
  return [...groups.values()];
}

/** Ids of waves just created, passed along by the new-wave form. */
function justCreated(): Set<string> {
  const ids = new URLSearchParams(window.location.search).get("new") ?? "";
  return new Set(ids.split(",").filter((id) => /^[0-9a-f]{24}$/.test(id)));
}

/** `/workspace/waves`: every wave the account may see, grouped, with links to each one's pages. */
export function WavesPage({ session }: Props) {
  const { t } = useTranslation("ws-waves");
  const { locale } = useAppLocale();
  const [state, retry] = useJson<WaveList>(`/api/waves?lang=${locale}`);
  const created = useRef(justCreated()).current;
  const announce = useRef<HTMLParagraphElement>(null);
  const ready = state.kind === "ready";
  useEffect(() => {
    if (ready && created.size > 0) announce.current?.focus();
  }, [ready, created]);

  const designer = session.user.role === "admin" || session.user.role === "researcher";
  const head = (
    <div className="wv-head">
      <p>{t(designer ? "list.intro" : "list.introCoordinator")}</p>
      {designer ? (
        <a className="button" href={hrefOf("/workspace/waves/new", locale)} data-testid="new-wave">
          {t("list.new")}
        </a>
      ) : null}
    </div>
  );
  if (state.kind === "failed")
    return (
      <>
        {head}
        <LoadFailed error={state.error} onRetry={retry} />
      </>
    );
  if (state.kind === "loading")
    return (
      <>
        {head}
        <p role="status">{t("common:loading")}</p>
      </>
    );

  const names = new Map(state.data.authorities.map((a) => [a.slug, a.name[locale]]));
  const groups = groupsOf(state.data.waves);
  return (
    <div className="wv-list">
      {head}
      <p
        ref={announce}
        tabIndex={-1}
        role="status"
        className="wv-announce"
        data-testid="waves-created"
      >
        {created.size > 0 ? t("list.created", { count: created.size }) : ""}
      </p>
      {groups.length === 0 ? <p className="notice">{t("list.none")}</p> : null}
      {groups.map((g) => (
        <section
          key={g.key}
          className="wv-group"
          aria-labelledby={`g-${g.first.id}`}
          data-testid="wave-group"
        >
          <h3 id={`g-${g.first.id}`}>
            {g.first.name[locale]} <span className="ws-badge">{t(`kind.${g.first.kind}`)}</span>
          </h3>
          <p className="wv-group__meta">
            {t("list.groupMeta", {
              instrument: `${g.first.instrument.key} v${g.first.instrument.version}`,
              date: formatDay(g.first.opensAt, locale),
              count: g.waves.length,
            })}
          </p>
          <table className="ws-table wv-table">
            <caption className="visually-hidden">{g.first.name[locale]}</caption>
            <thead>
              <tr>
                <th scope="col">{t("col.authority")}</th>
                <th scope="col">{t("col.status")}</th>
                <th scope="col">{t("col.instrument")}</th>
                <th scope="col">{t("col.dates")}</th>
                <th scope="col">{t("col.channels")}</th>
                <th scope="col">{t("col.target")}</th>
                <th scope="col">{t("col.links")}</th>
              </tr>
            </thead>
            <tbody>
              {g.waves.map((w) => {
                const isNew = created.has(w.id);
                const authority = names.get(w.authority.slug) ?? w.authority.slug;
                return (
                  <tr
                    key={w.id}
                    className={isNew ? "wv-new" : undefined}
                    data-testid={`wave-row-${w.authority.slug}`}
                    data-wave-id={w.id}
                  >
                    <th scope="row" data-label={t("col.authority")}>
                      {authority}
                      {isNew ? <span className="wv-new-badge">{t("list.newBadge")}</span> : null}
                    </th>
                    <td data-label={t("col.status")}>
                      <StatusBadge status={w.status} />
                    </td>
                    <td data-label={t("col.instrument")}>
                      <code dir="ltr">
                        {w.instrument.key} v{w.instrument.version}
                      </code>
                    </td>
                    <td data-label={t("col.dates")}>
                      {w.closesAt
                        ? t("list.dates", {
                            from: formatDay(w.opensAt, locale),
                            to: formatDay(w.closesAt, locale),
                          })
                        : t("list.datesOpenEnded", { from: formatDay(w.opensAt, locale) })}
                    </td>
                    <td data-label={t("col.channels")}>
                      {w.channels.map((c) => t(`channel.${c}`)).join(" · ")}
                    </td>
                    <td data-label={t("col.target")}>{w.targetCompletes ?? "—"}</td>
                    <td data-label={t("col.links")}>
                      <ul className="wv-links">
                        <li>
                          <a
                            href={hrefOf(wavePath(w.authority.slug, w.id), locale)}
                            aria-label={t("list.openWave", { authority, wave: w.name[locale] })}
                            data-testid="wave-link"
                          >
                            {t("list.settings")}
                          </a>
                        </li>
                        <li>
                          <a
                            href={hrefOf(wavePath(w.authority.slug, w.id, "contacts"), locale)}
                            aria-label={t("list.contactsOf", { authority, wave: w.name[locale] })}
                          >
                            {t("list.contacts")}
                          </a>
                        </li>
                        <li>
                          <a
                            href={hrefOf(wavePath(w.authority.slug, w.id, "monitoring"), locale)}
                            aria-label={t("list.monitoringOf", { authority, wave: w.name[locale] })}
                          >
                            {t("list.monitoring")}
                          </a>
                        </li>
                      </ul>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      ))}
    </div>
  );
}
