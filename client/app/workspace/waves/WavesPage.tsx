import "./waves.css";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { LoadFailed } from "../../LoadFailed";
import type { SessionInfo } from "../../session";
import { useJson } from "../../use-json";
import { hrefOf } from "../routes";
import type { WaveList } from "./api";
import { groupsOf } from "./wave-groups";
import { WaveGroup } from "./WaveGroup";
import { useAppLocale } from "../../locale-context";

interface Props {
  session: SessionInfo;
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
        <WaveGroup key={g.key} group={g} names={names} created={created} />
      ))}
    </div>
  );
}
