/** Where the local stand-ins of the deployed resources live; every resolved name and ARN is built from this. */
export interface CloudEnvironment {
  region: string;
  accountId: string;
  /** The local HTTP API's base URL: the ApiEndpoint of every AWS::ApiGatewayV2::Api. */
  apiUrl: string;
  /** The local AWS gateway's base URL: SQS queue URLs point there. */
  awsEndpoint: string;
  /** Values for template Parameters that have no Default (or to override one). */
  parameters?: Record<string, string>;
}

/** The account and region LocalStack and the AWS docs use for examples, so ARNs look familiar. */
export const LOCAL_ACCOUNT_ID = '000000000000';
export const LOCAL_REGION = 'us-east-1';

/** A template value after intrinsic resolution: plain JSON. */
export type Resolved = string | number | boolean | null | Resolved[] | { [key: string]: Resolved };
