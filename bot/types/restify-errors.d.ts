/** The part of restify-errors 8 (restify's own error classes) that bot/http.ts uses; the package ships no types. */
declare module 'restify-errors' {
  export class HttpError extends Error {
    statusCode: number;
    body: unknown;
  }
}
