import { Stack, Validations, type StackProps } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Duration } from 'aws-cdk-lib';
import {
  AllowedMethods, CacheCookieBehavior, CacheHeaderBehavior, CachePolicy, CacheQueryStringBehavior, Distribution, HttpVersion, OriginProtocolPolicy, OriginRequestCookieBehavior,
  OriginRequestHeaderBehavior, OriginRequestPolicy, OriginRequestQueryStringBehavior, OriginSslPolicy, PriceClass,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { ORIGIN_VERIFY_HEADER } from '../../lambdas/routes.ts';

/**
 * AWS WAF cannot be attached to an API Gateway HTTP API, so readers reach the public routes through a CloudFront
 * distribution that carries the web ACL. A CloudFront web ACL exists only in us-east-1: it has a stack of its own,
 * referenced across regions by the stateless stack.
 */

/** Requests one client IP may make in five minutes, whatever the route (beyond: 429 from WAF, before any Lambda runs). */
export const WAF_PUBLIC_LIMIT_PER_5_MIN = 1000;
/** Subscribe requests one client IP may make in five minutes; the application then allows 10 a minute per /24. */
export const WAF_SUBSCRIBE_LIMIT_PER_5_MIN = 100;

const byteMatch = (fieldToMatch: CfnWebACL.FieldToMatchProperty, positionalConstraint: string, searchString: string): CfnWebACL.StatementProperty => ({
  byteMatchStatement: { fieldToMatch, positionalConstraint, searchString, textTransformations: [{ priority: 0, type: 'NONE' }] },
});

const rateRule = (name: string, priority: number, limit: number, scopeDownStatement: CfnWebACL.StatementProperty): CfnWebACL.RuleProperty => ({
  name,
  priority,
  statement: { rateBasedStatement: { limit, aggregateKeyType: 'IP', evaluationWindowSec: 300, scopeDownStatement } },
  action: { block: { customResponse: { responseCode: 429 } } },
  visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: `Datewatch${name}`, sampledRequestsEnabled: true },
});

/** The web ACL of the reader distribution: rate-based rules per client IP on the public routes. */
export class EdgeFirewallStack extends Stack {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, { ...props, crossRegionReferences: true });
    this.webAcl = new CfnWebACL(this, 'ReaderFirewall', {
      description: 'Datewatch reader routes: per-IP rate limits in front of the public API',
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'DatewatchReaderFirewall', sampledRequestsEnabled: true },
      rules: [
        rateRule('SubscribePerIp', 0, WAF_SUBSCRIBE_LIMIT_PER_5_MIN, {
          andStatement: { statements: [byteMatch({ method: {} }, 'EXACTLY', 'POST'), byteMatch({ uriPath: {} }, 'EXACTLY', '/subscriptions')] },
        }),
        rateRule('PublicRoutesPerIp', 1, WAF_PUBLIC_LIMIT_PER_5_MIN, {
          notStatement: { statement: byteMatch({ uriPath: {} }, 'STARTS_WITH', '/admin/') },
        }),
      ],
    });
  }
}

/**
 * CloudFront in front of the whole HTTP API: the web ACL, no caching, the viewer's address forwarded
 * (CloudFront-Viewer-Address) with a secret header that proves the request came this way; the API refuses
 * requests without it. Editors' /admin/* calls (the console's, by relative path) have a behaviour of their own
 * that forwards Authorization: CloudFront forwards it only as part of a cache policy's key, never through an
 * origin request policy (which refuses it).
 */
export class ReaderEdge extends Construct {
  readonly distribution: Distribution;
  readonly originSecret: Secret;

  constructor(scope: Construct, id: string, props: { api: HttpApi; webAclArn: string }) {
    super(scope, id);
    const stack = Stack.of(this);
    this.originSecret = new Secret(this, 'OriginVerify', {
      description: 'Datewatch: the header value CloudFront adds to every request it forwards to the HTTP API',
      generateSecretString: { excludePunctuation: true, passwordLength: 48 },
    });
    Validations.of(this.originSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'The origin header value is read by CloudFront at deploy time; rotating it means a redeploy (cdk deploy after putting a new value), which a rotation Lambda could not do.',
    });
    const forwarded = new OriginRequestPolicy(this, 'ViewerAddress', {
      comment: 'Datewatch readers: the viewer address, the headers the pages and API read, every query string',
      // Accept-Language: the readers' pages are in the browser's language when no ?lang= or reader's own says.
      headerBehavior: OriginRequestHeaderBehavior.allowList(
        'CloudFront-Viewer-Address', 'Accept', 'Accept-Language', 'Content-Type', 'User-Agent', 'If-Match',
      ),
      queryStringBehavior: OriginRequestQueryStringBehavior.all(),
      cookieBehavior: OriginRequestCookieBehavior.none(),
    });
    const origin = new HttpOrigin(`${props.api.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`, {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [OriginSslPolicy.TLS_V1_2],
      customHeaders: { [ORIGIN_VERIFY_HEADER]: this.originSecret.secretValue.unsafeUnwrap() },
    });
    // Headers in a cache key need a TTL above zero; 0 by default and 1 s at most, and the admin API answers
    // no-store, so nothing is kept. The token is in the key: one editor's answer could never serve another.
    const editorsKey = new CachePolicy(this, 'EditorsNoCache', {
      comment: 'Datewatch /admin/*: Authorization in the key so CloudFront forwards it; effectively no caching',
      headerBehavior: CacheHeaderBehavior.allowList('Authorization'),
      queryStringBehavior: CacheQueryStringBehavior.none(),
      cookieBehavior: CacheCookieBehavior.none(),
      minTtl: Duration.seconds(0), defaultTtl: Duration.seconds(0), maxTtl: Duration.seconds(1),
    });
    const editorsForwarded = new OriginRequestPolicy(this, 'EditorsForwarded', {
      comment: 'Datewatch /admin/*: the headers and query strings the admin API reads (Authorization goes with the cache key)',
      headerBehavior: OriginRequestHeaderBehavior.allowList('Accept', 'Content-Type', 'If-Match', 'Idempotency-Key'),
      queryStringBehavior: OriginRequestQueryStringBehavior.all(),
      cookieBehavior: OriginRequestCookieBehavior.none(),
    });
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Datewatch readers and editors (every route behind AWS WAF)',
      webAclId: props.webAclArn,
      priceClass: PriceClass.PRICE_CLASS_100,
      httpVersion: HttpVersion.HTTP2_AND_3,
      defaultBehavior: {
        origin,
        allowedMethods: AllowedMethods.ALLOW_ALL,
        cachePolicy: CachePolicy.CACHING_DISABLED,
        originRequestPolicy: forwarded,
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      },
      additionalBehaviors: {
        '/admin/*': {
          origin,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: editorsKey,
          originRequestPolicy: editorsForwarded,
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
        },
      },
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason: 'Readers of the story may be anywhere; there is no country to exclude, and geo blocking would not stop abuse that WAF rate rules and the application limits already cap.',
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR3',
      reason: 'Access is logged once, at the HTTP API stage (JSON, no paths or tokens); CloudFront standard logs would add a second copy with full URLs, which carry link tokens.',
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR4',
      reason: 'The default *.cloudfront.net certificate admits no minimum TLS version setting; with a custom domain and an ACM certificate set TLSv1.2_2021. The origin leg is TLS 1.2 only.',
    });
  }
}
