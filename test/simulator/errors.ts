// Error bodies as the API documents them (Error envelope) and as a Kong gateway words its own failures.
import { randomBytes } from 'node:crypto';

export interface ErrorEnvelope {
  error: { code: string; message: string; details?: string };
  request_id?: string;
}

export function requestId(): string {
  return `req_${randomBytes(6).toString('hex')}`;
}

/** The documented envelope for each status code (API.md §4); undocumented codes get a plausible one. */
const ENVELOPES: Record<number, { code: string; message: string; details: string }> = {
  400: { code: 'VALIDATION_ERROR', message: 'Invalid request parameters', details: 'The request could not be understood' },
  401: { code: 'AUTHENTICATION_FAILED', message: 'Invalid or missing API key', details: "Include your API key in the 'apikey' header" },
  404: { code: 'NOT_FOUND', message: 'The requested resource was not found', details: 'Prediction ID does not exist or has expired' },
  410: {
    code: 'CONTENT_EXPIRED',
    message: 'The requested content has expired and is no longer available',
    details: 'Generated content is available for 24 hours after creation',
  },
  413: { code: 'FILE_TOO_LARGE', message: 'The uploaded file exceeds the maximum size limit', details: 'Maximum file size is 100MB' },
  429: {
    code: 'RATE_LIMIT_EXCEEDED',
    message: 'Too many requests',
    details: 'You have exceeded the rate limit for this endpoint. Please wait before making additional requests.',
  },
  500: { code: 'INTERNAL_ERROR', message: 'An unexpected error occurred', details: 'Please try again later or contact support if the problem persists' },
  502: { code: 'BAD_GATEWAY', message: 'Bad gateway', details: 'The upstream service returned an invalid response' },
  503: { code: 'SERVICE_UNAVAILABLE', message: 'Service temporarily unavailable', details: 'Please try again later' },
  504: { code: 'GATEWAY_TIMEOUT', message: 'Gateway timeout', details: 'The upstream service did not answer in time' },
};

/** Codes that share a status with another code but have their own documented message. */
const BY_CODE: Record<string, { code: string; message: string; details: string }> = {
  INVALID_FILE: { code: 'INVALID_FILE', message: 'The uploaded file is invalid or missing', details: 'Please provide a valid image or video file' },
  PAYLOAD_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large', details: 'Send prediction inputs as URLs, not inline data' },
};

export function envelope(status: number, details?: string, code?: string): ErrorEnvelope {
  const known = (code ? BY_CODE[code] : undefined) ??
    ENVELOPES[status] ?? { code: code ?? `HTTP_${status}`, message: `HTTP ${status}`, details: 'Unexpected error' };
  return {
    error: { code: code ?? known.code, message: known.message, details: details ?? known.details },
    request_id: requestId(),
  };
}

/** What Kong itself answers (no envelope, just `message`). */
const KONG_MESSAGES: Record<number, string> = {
  401: 'Invalid authentication credentials',
  404: 'no Route matched with those values',
  429: 'API rate limit exceeded',
  502: 'An invalid response was received from the upstream server',
  503: 'failure to get a peer from the ring-balancer',
  504: 'The upstream server is timing out',
};

export function kongBody(status: number): { message: string } {
  return { message: KONG_MESSAGES[status] ?? 'An unexpected error occurred' };
}

/** An HTML error page such as a load balancer in front of the gateway would serve. */
export function htmlBody(status: number): string {
  const text = `${status} ${status >= 500 ? 'Server Error' : 'Error'}`;
  return `<html>\r\n<head><title>${text}</title></head>\r\n<body>\r\n<center><h1>${text}</h1></center>\r\n</body>\r\n</html>\r\n`;
}
