import type { Resolved } from './environment.ts';
import type { Resolver } from './intrinsics.ts';
import type { CfnTemplates } from './template.ts';

/** One resource CloudFormation would create (its Condition, if any, holds). */
export interface TemplateResource {
  stack: string;
  logicalId: string;
  type: string;
  properties: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

/** Every created resource of the app, with resolved reads and lookups from a resolved ARN, name or URL back to it. */
export interface TemplateIndex {
  resolver: Resolver;
  ofType(type: string): TemplateResource[];
  where(test: (r: TemplateResource) => boolean): TemplateResource[];
  prop(r: TemplateResource, name: string): Resolved | undefined;
  text(r: TemplateResource, name: string): string | undefined;
  number(r: TemplateResource, name: string): number | undefined;
  ref(r: TemplateResource): string;
  attribute(r: TemplateResource, name: string): string;
  /** The resource of `type` whose Ref or one of whose attributes equals `value`. */
  find(type: string, value: string): TemplateResource | undefined;
  /** The Lambda function a name, ARN, qualified ARN or API Gateway invocation URI designates. */
  findFunction(value: string): TemplateResource | undefined;
  /** Like findFunction, but a value that designates none is an error naming `where`. */
  functionLogicalId(value: string | undefined, where: string): string;
}


export function makeTemplateIndex(templates: CfnTemplates, resolver: Resolver): TemplateIndex {
  const resources: TemplateResource[] = Object.entries(templates).flatMap(([stack, template]) =>
    Object.entries(template.Resources)
      .filter(([logicalId]) => resolver.isCreated(stack, logicalId))
      .map(([logicalId, r]) => ({ stack, logicalId, type: r.Type, properties: r.Properties ?? {}, metadata: r.Metadata ?? {} })));
  const lookups = new Map<string, Map<string, TemplateResource>>();

  const path = (r: TemplateResource, name: string) => `${r.stack}/${r.logicalId}/Properties/${name}`;
  const ref = (r: TemplateResource) => resolver.ref(r.stack, r.logicalId);

  const prop = (r: TemplateResource, name: string) => resolver.resolve(r.stack, r.properties[name], path(r, name));
  const text = (r: TemplateResource, name: string) =>
    r.properties[name] === undefined ? undefined : resolver.resolveString(r.stack, r.properties[name], path(r, name));
  const number = (r: TemplateResource, name: string) => {
    const value = prop(r, name);
    if (value === undefined || value === null) return undefined;
    const n = Number(value);
    if (!Number.isFinite(n)) throw new Error(`${path(r, name)} must be a number, got ${JSON.stringify(value)}`);
    return n;
  };

  const ofType = (type: string) => resources.filter((r) => r.type === type);

  /** Ref and every modelled attribute of each resource of a type, built once per type. */
  const lookup = (type: string): Map<string, TemplateResource> => {
    let byValue = lookups.get(type);
    if (!byValue) {
      byValue = new Map();
      for (const r of ofType(type)) {
        const { ref: id, attributes } = resolver.identity(r.stack, r.logicalId);
        for (const value of [id, ...Object.values(attributes)]) byValue.set(value, r);
      }
      lookups.set(type, byValue);
    }
    return byValue;
  };

  const findFunction = (value: string): TemplateResource | undefined => {
    const functions = lookup('AWS::Lambda::Function');
    const invocation = /\/functions\/(.+)\/invocations$/.exec(value)?.[1];
    const candidate = invocation ?? value;
    // arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]
    const unqualified = candidate.startsWith('arn:') ? candidate.split(':').slice(0, 7).join(':') : candidate;
    return functions.get(candidate) ?? functions.get(unqualified);
  };

  return {
    resolver, ofType, prop,
    where: (test) => resources.filter(test), text, number, ref,
    attribute: (r, name) => resolver.getAtt(r.stack, r.logicalId, name),
    find: (type, value) => lookup(type).get(value),
    findFunction,
    functionLogicalId: (value, where) => {
      const fn = value === undefined ? undefined : findFunction(value);
      if (!fn) throw new Error(`${where}: "${value}" is no Lambda function of the templates`);
      return fn.logicalId;
    },
  };
}
