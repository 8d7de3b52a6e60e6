import { jsonError, parseJson } from './json-errors.ts';
import { ServiceError, type ServiceProtocol } from './types.ts';

const CONTENT_TYPE = 'application/x-amz-json-1.1';

/** A secret the gateway serves: the template's ARN, the locally kept value. */
export interface GatewaySecret {
  arn: string;
  name: string;
  value: () => string;
}

/** Secrets Manager's GetSecretValue, by ARN or name, for the secrets the template declares. */
export function secretsManagerProtocol(secrets: readonly GatewaySecret[]): ServiceProtocol {
  const find = (id: unknown) => {
    const secret = secrets.find((s) => s.arn === id || s.name === id);
    if (!secret) throw new ServiceError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
    return secret;
  };
  return {
    authorization(req) {
      const action = req.target?.split('.')[1];
      if (!action) throw new ServiceError('InvalidRequestException', 'missing X-Amz-Target');
      return { action: `secretsmanager:${action}`, resources: [find(parseJson(req.body).SecretId).arn] };
    },
    accessDenied: (_req, message) => jsonError(CONTENT_TYPE, 'AccessDeniedException', message),
    badRequest: (_req, code, message) => jsonError(CONTENT_TYPE, code, message),
    async serve(req) {
      const action = req.target?.split('.')[1];
      if (action !== 'GetSecretValue') throw new ServiceError('InvalidRequestException', `the local Secrets Manager serves GetSecretValue, not ${action}`);
      const secret = find(parseJson(req.body).SecretId);
      return {
        status: 200,
        headers: { 'content-type': CONTENT_TYPE },
        body: JSON.stringify({
          ARN: secret.arn, Name: secret.name, SecretString: secret.value(), VersionId: 'local-current',
          VersionStages: ['AWSCURRENT'], CreatedDate: 0,
        }),
      };
    },
  };
}
