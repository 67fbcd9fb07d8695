import { loggableUrl } from "../../server/http/log-serializers";

describe("request log lines", () => {
  it.each([
    ["/api/r/abcDEF123_-xyz/progress?lang=ar", "/api/r/[token]/progress"],
    ["/r/abcDEF123_-xyz", "/r/[token]"],
    ["/w/QWERTY12345678901234", "/w/[token]"],
    ["/api/signups/withdraw/QWERTY12345678901234", "/api/signups/withdraw/[token]"],
    ["/invite/Zm9vYmFy", "/invite/[token]"],
    ["/api/auth/invites/Zm9vYmFy", "/api/auth/invites/[token]"],
    ["/api/take/demo/responses?lang=he", "/api/take/demo/responses"],
  ])("leave the secret out of %s", (url, logged) => {
    expect(loggableUrl(url)).toBe(logged);
  });
});
