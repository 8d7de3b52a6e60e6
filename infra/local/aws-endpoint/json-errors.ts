import type { AwsResponse } from './types.ts';

/** The JSON protocols' error body (DynamoDB, SQS, Secrets Manager): the SDK reads the name from `__type`. */
export function jsonError(contentType: string, type: string, message: string, extraHeaders: Record<string, string> = {}): AwsResponse {
  return {
    status: 400,
    headers: { 'content-type': contentType, 'x-amzn-errortype': type, ...extraHeaders },
    body: JSON.stringify({ __type: type, message, Message: message }),
  };
}

export function parseJson(body: Buffer): Record<string, unknown> {
  try {
    const parsed = JSON.parse(body.toString('utf8') || '{}') as unknown;
    return parsed && typeof parsed === 'object' ? parsed as Record<string, unknown> : {};
  } catch {
    return {};
  }
}
