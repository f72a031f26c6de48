import { STATUS_CODES } from 'node:http';
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import type { Logger } from '../logger.js';

/** Options of an HTTP problem besides its status and code. */
export interface ProblemOptions {
  detail?: string;
  headers?: Record<string, string>;
  /** Extra members of the problem document, such as the fields that failed validation. */
  extensions?: Record<string, unknown>;
}

/** An error that becomes an RFC 9457 problem response with a stable machine-readable `code`. */
export class HttpProblem extends Error {
  readonly status: number;
  readonly code: string;
  readonly options: ProblemOptions;

  constructor(status: number, code: string, options: ProblemOptions = {}) {
    super(options.detail ?? code);
    this.name = 'HttpProblem';
    this.status = status;
    this.code = code;
    this.options = options;
  }
}

/** Thrown when the database or token store cannot be reached; answered with 503. */
export class StoreUnavailableError extends HttpProblem {
  constructor(cause: unknown) {
    super(503, 'store_unavailable', { detail: 'A data store is unavailable; try again shortly.' });
    this.cause = cause;
  }
}

/** Runs a store operation, turning any driver failure into StoreUnavailableError. */
export async function storeCall<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw error instanceof HttpProblem ? error : new StoreUnavailableError(error);
  }
}

/** Writes `problem` as `application/problem+json`. */
export function sendProblem(response: Response, problem: HttpProblem): void {
  for (const [name, value] of Object.entries(problem.options.headers ?? {})) {
    response.setHeader(name, value);
  }
  response
    .status(problem.status)
    .type('application/problem+json')
    .json({
      type: 'about:blank',
      title: STATUS_CODES[problem.status] ?? 'Error',
      status: problem.status,
      ...(problem.options.detail === undefined ? {} : { detail: problem.options.detail }),
      code: problem.code,
      ...problem.options.extensions,
    });
}

/** Answers any route nobody handled. */
export const notFound: RequestHandler = (request) => {
  throw new HttpProblem(404, 'not_found', {
    detail: `No route for ${request.method} ${request.path}.`,
  });
};

interface BodyParserError {
  type: string;
  status: number;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  return typeof error === 'object' && error !== null && 'type' in error && 'status' in error;
}

function toProblem(error: unknown): HttpProblem | undefined {
  if (error instanceof HttpProblem) return error;
  if (!isBodyParserError(error)) return undefined;
  if (error.type === 'entity.too.large') {
    return new HttpProblem(413, 'payload_too_large', { detail: 'The request body is too large.' });
  }
  if (error.type === 'entity.parse.failed') {
    return new HttpProblem(400, 'validation_failed', { detail: 'The body is not valid JSON.' });
  }
  if (error.status >= 400 && error.status < 500) {
    return new HttpProblem(error.status, 'bad_request', {
      detail: 'The request body was refused.',
    });
  }
  return undefined;
}

/** The last middleware: every error leaves as a problem document without internals. */
export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, _request, response, next) => {
    if (response.headersSent) {
      next(error);
      return;
    }
    const problem = toProblem(error);
    if (problem instanceof StoreUnavailableError) {
      logger.error({ event: 'store_unavailable', err: problem.cause }, 'store unavailable');
    }
    if (problem !== undefined) {
      sendProblem(response, problem);
      return;
    }
    logger.error({ err: error }, 'unhandled error');
    sendProblem(
      response,
      new HttpProblem(500, 'internal_error', { detail: 'Something went wrong.' }),
    );
  };
}
