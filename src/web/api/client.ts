/**
 * The typed fetch client of the API: JSON in and out, the session cookie (same origin), the CSRF
 * header on every state-changing request, and one error type carrying the server's message.
 */
import { currentLanguage, translate } from '../i18n';

/** Name of the cookie the server sets at login and expects echoed in `X-CSRF-Token`. */
const CSRF_COOKIE = 'thucthi_csrf';
const CSRF_HEADER = 'X-CSRF-Token';

/** The error of any failed API call; `message` is fit to show the user (Vietnamese from the server). */
export class ApiError extends Error {
  /** HTTP status, or 0 when the server could not be reached. */
  readonly status: number;
  /** Stable code from the server (`VALIDATION_ERROR`, `CONFLICT`, …) or `NETWORK_ERROR`. */
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** A stale `version`: someone else changed the record. */
  get isConflict(): boolean {
    return this.status === 409 || this.code === 'CONFLICT';
  }
}

/** The message to show for any error thrown by a query or mutation. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return translate(currentLanguage(), 'error.unknown');
}

export type QueryValue = string | number | boolean | null | undefined;
export type QueryParams = Record<string, QueryValue | QueryValue[]>;

/** Builds `?a=1&b=2`, leaving out empty values; `''` when nothing is left. */
export function buildQuery(params: QueryParams | undefined): string {
  if (!params) return '';
  const search = new URLSearchParams();
  for (const [key, raw] of Object.entries(params)) {
    const values = Array.isArray(raw) ? raw : [raw];
    for (const value of values) {
      if (value === null || value === undefined || value === '') continue;
      search.append(key, String(value));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

let redirectingToLogin = false;

/** Sends the browser to the login page, remembering where the user was. */
function redirectToLogin(): void {
  if (redirectingToLogin || window.location.pathname === '/login') return;
  redirectingToLogin = true;
  const next = `${window.location.pathname}${window.location.search}`;
  window.location.assign(`/login?next=${encodeURIComponent(next)}`);
}

export interface RequestOptions {
  query?: QueryParams;
  /** A JSON body. */
  body?: unknown;
  /** A multipart body (file uploads); mutually exclusive with `body`. */
  formData?: FormData;
  signal?: AbortSignal;
  /** Do not redirect to the login page on 401 (the login request itself, the session probe). */
  allowUnauthenticated?: boolean;
}

async function send(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  let body: BodyInit | undefined;
  if (options.formData) {
    body = options.formData;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (method !== 'GET' && method !== 'HEAD') {
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf) headers[CSRF_HEADER] = csrf;
  }
  let response: Response;
  try {
    response = await fetch(`${path}${buildQuery(options.query)}`, {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK_ERROR', translate(currentLanguage(), 'error.network'));
  }
  if (!response.ok) throw await toApiError(response, options);
  return response;
}

async function toApiError(response: Response, options: RequestOptions): Promise<ApiError> {
  let code = `HTTP_${response.status}`;
  let message = '';
  let details: unknown;
  try {
    const payload = (await response.json()) as { error?: { code?: string; message?: string; details?: unknown } };
    if (payload?.error) {
      code = payload.error.code ?? code;
      message = payload.error.message ?? '';
      details = payload.error.details;
    }
  } catch {
    // Not JSON (a proxy error page): fall back to a generic message below.
  }
  if (response.status === 401 && !options.allowUnauthenticated) redirectToLogin();
  if (!message) {
    const language = currentLanguage();
    message =
      response.status === 401
        ? translate(language, 'error.unauthenticated')
        : response.status === 403
          ? translate(language, 'error.forbidden')
          : response.status === 404
            ? translate(language, 'error.notFound')
            : translate(language, 'error.server', { status: response.status });
  }
  return new ApiError(response.status, code, message, details);
}

/** Calls the API and parses the JSON answer (an empty answer gives `undefined`). */
export async function apiRequest<T>(method: string, path: string, options?: RequestOptions): Promise<T> {
  const response = await send(method, path, options);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export function apiGet<T>(path: string, query?: QueryParams, signal?: AbortSignal): Promise<T> {
  return apiRequest<T>('GET', path, { query, signal });
}

export function apiPost<T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>): Promise<T> {
  return apiRequest<T>('POST', path, { ...options, body: body ?? {} });
}

export function apiPatch<T>(path: string, body: unknown): Promise<T> {
  return apiRequest<T>('PATCH', path, { body });
}

export function apiPut<T>(path: string, body: unknown): Promise<T> {
  return apiRequest<T>('PUT', path, { body });
}

export function apiDelete<T>(path: string): Promise<T> {
  return apiRequest<T>('DELETE', path);
}

export function apiUpload<T>(path: string, formData: FormData): Promise<T> {
  return apiRequest<T>('POST', path, { formData });
}

function fileNameFromDisposition(disposition: string | null): string | null {
  if (!disposition) return null;
  const encoded = /filename\*=(?:UTF-8'')?([^;]+)/i.exec(disposition);
  if (encoded) {
    try {
      return decodeURIComponent(encoded[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1] : null;
}

/**
 * Downloads a file answer (an Excel export) and saves it under the server's file name, or
 * `fallbackName`. Errors arrive as ApiError like any other call.
 */
export async function apiDownload(path: string, query: QueryParams | undefined, fallbackName: string): Promise<void> {
  const response = await send('GET', path, { query });
  const blob = await response.blob();
  const name = fileNameFromDisposition(response.headers.get('Content-Disposition')) ?? fallbackName;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The address that downloads a stored file (evidence). */
export function fileDownloadUrl(id: string | number): string {
  return `/api/v1/files/${encodeURIComponent(String(id))}`;
}
