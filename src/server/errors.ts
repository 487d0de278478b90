/** Stable error codes and their HTTP status. */
export const errorStatus = {
  VALIDATION_ERROR: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  IMPORT_FAILED: 422,
  LOCKED: 423,
  RATE_LIMITED: 429,
  DATABASE_BUSY: 503,
  INTERNAL: 500,
} as const;

export type AppErrorCode = keyof typeof errorStatus;

/** The one error type of the application: a stable code, a Vietnamese message, optional details. */
export class AppError extends Error {
  constructor(
    public readonly code: AppErrorCode,
    message: string,
    public readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

export const messages = {
  forbidden: 'Bạn không có quyền thực hiện thao tác này.',
  unauthenticated: 'Vui lòng đăng nhập.',
  staleVersion: 'Nhiệm vụ đã được người khác cập nhật. Vui lòng tải lại để xem thay đổi mới nhất.',
  staleVersionGeneric: 'Dữ liệu đã được người khác cập nhật. Vui lòng tải lại để xem thay đổi mới nhất.',
  internal: 'Đã xảy ra lỗi hệ thống. Vui lòng thử lại sau.',
} as const;

export const forbidden = (): AppError => new AppError('FORBIDDEN', messages.forbidden);
export const notFound = (what: string): AppError => new AppError('NOT_FOUND', `Không tìm thấy ${what}.`);
export const invalid = (message: string, details?: unknown): AppError => new AppError('VALIDATION_ERROR', message, details);
