/**
 * @jest-environment jsdom
 */
/**
 * useJson as the screens use it: several copy what it read into their own
 * state in an effect on its answer (the wave page, then changed by opening the
 * wave). The answer must be the same object from render to render until the
 * data changes, or each render puts the read copy back over the change.
 */
import { QueryClientProvider } from "@tanstack/react-query";
import { act, renderHook, waitFor } from "@testing-library/react";
import { useEffect, useState, type ReactNode } from "react";
import { createQueryClient } from "../../client/app/query-client";
import { useJson } from "../../client/app/use-json";

interface Wave {
  status: string;
}

let served: Wave;
beforeEach(() => {
  served = { status: "draft" };
  globalThis.fetch = jest.fn(async () => ({
    ok: true,
    status: 200,
    json: async () => ({ ...served }),
  })) as unknown as typeof fetch;
});

function wrapper({ children }: { children: ReactNode }) {
  const [client] = useState(createQueryClient);
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

it("answers the same object on every render until the data changes", async () => {
  const { result, rerender } = renderHook(() => useJson<Wave>("/api/wave")[0], { wrapper });
  await waitFor(() => expect(result.current.kind).toBe("ready"));
  const first = result.current;
  rerender();
  rerender();
  expect(result.current).toBe(first);
});

it("keeps a change made on the screen over what was read, until it reads again", async () => {
  const { result } = renderHook(
    () => {
      const [loaded, reload] = useJson<Wave>("/api/wave");
      const [wave, setWave] = useState<Wave | null>(null);
      useEffect(() => {
        if (loaded.kind === "ready") setWave(loaded.data);
      }, [loaded]);
      return { wave, setWave, reload };
    },
    { wrapper },
  );
  await waitFor(() => expect(result.current.wave?.status).toBe("draft"));
  act(() => result.current.setWave({ status: "open" }));
  await act(async () => new Promise((r) => setTimeout(r, 20)));
  expect(result.current.wave?.status).toBe("open");

  served = { status: "closed" };
  act(() => result.current.reload());
  await waitFor(() => expect(result.current.wave?.status).toBe("closed"));
});
