import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { ERROR_CODES, type ErrorBody, type ErrorCode } from '@tiaojie/contracts';
import type { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { AppException } from './app-exception';

const STATUS_TO_CODE: Record<number, ErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

/** Turns anything thrown into the one ErrorBody shape; never leaks a stack trace. */
export function toErrorBody(exception: unknown, requestId?: string): { body: ErrorBody; headers?: Record<string, string> } {
  if (exception instanceof AppException) {
    return {
      body: { statusCode: exception.status, code: exception.code, message: exception.message, fields: exception.fields, requestId },
      headers: exception.headers,
    };
  }
  if (exception instanceof ThrottlerException) {
    return { body: { statusCode: 429, code: 'RATE_LIMITED', message: 'Too many requests, try again later', requestId } };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const code = STATUS_TO_CODE[status] ?? (status >= 500 ? 'INTERNAL' : 'BAD_REQUEST');
    const res = exception.getResponse();
    const message = typeof res === 'string' ? res : String((res as { message?: unknown }).message ?? exception.message);
    return { body: { statusCode: status, code, message: status >= 500 ? 'Internal error' : message, requestId } };
  }
  // Errors from Express middleware (body-parser): they carry `status` and `type`.
  const e = exception as { status?: number; statusCode?: number; type?: string; expose?: boolean; message?: string };
  const status = e?.status ?? e?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const code = STATUS_TO_CODE[status] ?? 'BAD_REQUEST';
    const message =
      e.type === 'entity.too.large'
        ? 'Request body too large'
        : e.type === 'entity.parse.failed'
          ? 'Request body is not valid JSON'
          : e.type === 'encoding.unsupported' || e.type === 'charset.unsupported'
            ? 'Unsupported request encoding'
            : (e.expose && e.message) || 'Bad request';
    return { body: { statusCode: status, code, message, requestId } };
  }
  if (exception instanceof QueryFailedError) {
    const pgCode = (exception.driverError as { code?: string } | undefined)?.code;
    // A unique violation that slipped past a service check is a conflict, not a crash.
    if (pgCode === '23505') return { body: { statusCode: 409, code: 'CONFLICT', message: 'Conflicts with existing data', requestId } };
    // Bad text for a typed column (e.g. a malformed uuid in a path).
    if (pgCode === '22P02') return { body: { statusCode: 404, code: 'NOT_FOUND', message: 'Not found', requestId } };
  }
  return { body: { statusCode: 500, code: 'INTERNAL', message: 'Internal error', requestId } };
}

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Exceptions');

  catch(exception: unknown, host: ArgumentsHost) {
    if (host.getType() !== 'http') throw exception;
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request & { id?: string }>();
    const res = ctx.getResponse<Response>();
    const { body, headers } = toErrorBody(exception, req.id ? String(req.id) : undefined);
    if (body.statusCode >= 500) {
      this.logger.error({ err: exception, requestId: body.requestId }, 'unhandled error');
    }
    if (res.headersSent) return;
    for (const [k, v] of Object.entries(headers ?? {})) res.setHeader(k, v);
    res.status(body.statusCode ?? HttpStatus.INTERNAL_SERVER_ERROR).json(body);
  }
}

export { ERROR_CODES };
