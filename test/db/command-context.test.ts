/**
 * Every command gets a context of its own (its database, the data it runs
 * against), built per command on the hot path of each round trip. Contexts
 * must share one hidden class in V8: a copy made by spreading an object and
 * adding a field gets a class of its own each time, which turned every read of
 * the context in every handler into an inline-cache miss (issue 23, latency).
 */
import v8 from "node:v8";
import { commandContext, type ConnectionContext } from "../../server/db/embedded/commands/context";
import { CursorRegistry } from "../../server/db/embedded/cursors";
import { Engine } from "../../server/db/embedded/engine";
import { SessionRegistry } from "../../server/db/embedded/sessions";

v8.setFlagsFromString("--allow-natives-syntax");
// V8's own test of two objects' hidden classes, reachable only through its natives syntax.
const sameHiddenClass = new Function("a", "b", "return %HaveSameMap(a, b)") as (
  a: object,
  b: object,
) => boolean;

it("gives every command's context one hidden class, whatever its database and data", () => {
  const engine = new Engine();
  const other = new Engine();
  const sessions = new SessionRegistry(engine);
  const cursors = new CursorRegistry();
  const connection: ConnectionContext = {
    engine,
    sessions,
    cursors,
    connectionId: 1,
    server: {
      host: "127.0.0.1",
      port: 0,
      startedAt: new Date(),
      connections: { current: 1, totalCreated: 1 },
      users: new Map(),
      commands: new Map(),
    },
    auth: {},
  };
  const first = commandContext(connection, "admin");
  // Past the first few thousand commands, when V8 has settled on how it builds them.
  for (let i = 0; i < 5000; i += 1) {
    const ctx = commandContext(connection, `db${i % 7}`);
    if (i % 2 === 0) commandContext(ctx, ctx.db, other);
  }
  const later = commandContext(connection, "bench");
  const inTransaction = commandContext(later, later.db, other);
  expect(later).toMatchObject({ db: "bench", engine, sessions, cursors, connectionId: 1 });
  expect(inTransaction).toMatchObject({ db: "bench", engine: other, sessions, cursors });
  expect(sameHiddenClass(first, later)).toBe(true);
  expect(sameHiddenClass(later, inTransaction)).toBe(true);
  expect(sameHiddenClass(later, commandContext(connection, "admin"))).toBe(true);
  sessions.close();
  cursors.close();
});
