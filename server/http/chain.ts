import type { NextFunction, Request, RequestHandler, Response } from "express";

/**
 * Several middleware run as one: each calls the next, an error skips the rest
 * and goes on to Express's error path. Express matches and dispatches every
 * mounted layer anew for each request; a chain it sees as one layer costs that
 * once. Used for the middleware every request or every API call passes through.
 */
export function chain(...handlers: RequestHandler[]): RequestHandler {
  return (req: Request, res: Response, done: NextFunction) => {
    let i = 0;
    const next = (err?: unknown): void => {
      if (err !== undefined && err !== null) {
        done(err);
        return;
      }
      const handler = handlers[i];
      i += 1;
      if (!handler) {
        done();
        return;
      }
      try {
        const result: unknown = handler(req, res, next);
        // Async middleware: a rejection is an error, as Express 5 treats it.
        if (result instanceof Promise) result.catch(next);
      } catch (err2) {
        next(err2);
      }
    };
    next();
  };
}
