/**
 * Jest's Node environment, plus one guard: a test file that leaves a test store
 * open (an embedded server and a driver connected to it) would keep the whole
 * run waiting after its summary when files run in band. After every hook of the
 * file has run, this closes what is still open and names the file, so the run
 * ends on its own and the file can be fixed.
 */
import { TestEnvironment } from "jest-environment-node";
import { OPEN_STORES, type OpenStores } from "./open-stores";

export default class KehilaEnvironment extends TestEnvironment {
  override async teardown(): Promise<void> {
    const open = this.global[OPEN_STORES] as OpenStores | undefined;
    if (open && open.size > 0) {
      console.warn(
        `${open.size} test store(s) left open by ${[...open.values()].join(", ")}: closed after the file; close them in afterAll`,
      );
      for (const close of [...open.keys()]) await close().catch(() => undefined);
    }
    await super.teardown();
  }
}
