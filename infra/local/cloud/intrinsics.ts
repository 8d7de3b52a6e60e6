import type { CloudEnvironment, Resolved } from './environment.ts';
import { isCustomResourceType, physicalIdentity, type PhysicalIdentity } from './physical-ids.ts';
import type { CfnTemplate, CfnTemplates } from './template.ts';

/** Resolves intrinsic functions across every stack of the app, as CloudFormation would at deploy time. */
export interface Resolver {
  /** `value` with every intrinsic replaced; undefined when the whole value is `AWS::NoValue`. */
  resolve(stack: string, value: unknown, path?: string): Resolved | undefined;
  /** Like resolve, but the result must be a string (numbers and booleans are stringified). */
  resolveString(stack: string, value: unknown, path?: string): string;
  ref(stack: string, logicalId: string, path?: string): string;
  getAtt(stack: string, logicalId: string, attribute: string, path?: string): string;
  /** Ref and every modelled attribute of a resource. */
  identity(stack: string, logicalId: string): PhysicalIdentity;
  /** False when the resource's Condition is false, so CloudFormation would not create it. */
  isCreated(stack: string, logicalId: string): boolean;
  /** A named condition of a stack's Conditions section. */
  condition(stack: string, name: string): boolean;
  /** Every export of the app: name → resolved value. */
  exports(): Record<string, string>;
}

/** Marks `{ "Ref": "AWS::NoValue" }` until the enclosing object or array drops it. */
const NO_VALUE = Symbol('AWS::NoValue');
type Step = Resolved | typeof NO_VALUE;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function asString(value: Step, path: string, what: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new Error(`${what} at ${path} must resolve to a string, got ${value === NO_VALUE ? 'AWS::NoValue' : JSON.stringify(value)}`);
}

function asList(value: Step, path: string, what: string): Resolved[] {
  if (Array.isArray(value)) return value;
  throw new Error(`${what} at ${path} must resolve to a list, got ${value === NO_VALUE ? 'AWS::NoValue' : JSON.stringify(value)}`);
}

function args(value: unknown, count: number, path: string, name: string): unknown[] {
  if (!Array.isArray(value) || value.length < count) throw new Error(`${name} at ${path} needs a list of ${count} arguments`);
  return value;
}

export function makeResolver(templates: CfnTemplates, env: CloudEnvironment): Resolver {
  const identities = new Map<string, PhysicalIdentity>();
  const identifying = new Set<string>();
  const conditions = new Map<string, boolean>();
  const evaluating = new Set<string>();
  let exportIndex: Map<string, { stack: string; value: unknown; path: string }> | undefined;
  const importing = new Set<string>();

  const templateOf = (stack: string): CfnTemplate => {
    const template = templates[stack];
    if (!template) throw new Error(`No template for stack "${stack}"`);
    return template;
  };

  const pseudo = (stack: string, name: string): Step | undefined => {
    switch (name) {
      case 'AWS::Region': return env.region;
      case 'AWS::AccountId': return env.accountId;
      case 'AWS::Partition': return 'aws';
      case 'AWS::URLSuffix': return 'amazonaws.com';
      case 'AWS::StackName': return stack;
      case 'AWS::StackId': return `arn:aws:cloudformation:${env.region}:${env.accountId}:stack/${stack}/00000000-0000-4000-a000-000000000000`;
      case 'AWS::NotificationARNs': return [];
      case 'AWS::NoValue': return NO_VALUE;
      default: return undefined;
    }
  };

  const parameter = (stack: string, name: string, path: string): Step | undefined => {
    const declared = templateOf(stack).Parameters?.[name];
    if (!declared) return undefined;
    const given = env.parameters?.[name];
    // An SSM-typed parameter's Default is the parameter's path, not its value.
    const usable = given ?? (declared.Type.startsWith('AWS::SSM::Parameter::Value') ? undefined : declared.Default);
    if (usable === undefined) throw new Error(`Parameter ${name} of ${stack} (referenced at ${path}) needs a value in the environment's parameters`);
    const text = String(usable);
    return declared.Type === 'CommaDelimitedList' || declared.Type.startsWith('List<') ? text.split(',') : text;
  };

  const identity = (stack: string, logicalId: string, path: string): { type: string; id: PhysicalIdentity } => {
    const resource = templateOf(stack).Resources[logicalId];
    if (!resource) throw new Error(`${path} refers to "${logicalId}", which is no resource, parameter or pseudo parameter of ${stack}`);
    if (!isCreated(stack, logicalId)) throw new Error(`${path} refers to ${logicalId}, whose condition ${resource.Condition} is false`);
    const key = `${stack}/${logicalId}`;
    const known = identities.get(key);
    if (known) return { type: resource.Type, id: known };
    if (identifying.has(key)) throw new Error(`${path}: the name of ${key} depends on itself`);
    identifying.add(key);
    try {
      const id = physicalIdentity({
        stack, logicalId, type: resource.Type, env,
        property: (name) => resolve(stack, resource.Properties?.[name], `${key}/Properties/${name}`),
      });
      identities.set(key, id);
      return { type: resource.Type, id };
    } finally {
      identifying.delete(key);
    }
  };

  const ref = (stack: string, name: string, path: string): Step =>
    pseudo(stack, name) ?? parameter(stack, name, path) ?? identity(stack, name, path).id.ref;

  const getAtt = (stack: string, logicalId: string, attribute: string, path: string): string => {
    const { type, id } = identity(stack, logicalId, path);
    const value = id.attributes[attribute];
    if (value !== undefined) return value;
    if (isCustomResourceType(type)) {
      throw new Error(`Fn::GetAtt ${logicalId}.${attribute} at ${path}: a custom resource's (${type}) attributes come from its handler, so they are unknown before it runs`);
    }
    throw new Error(`Fn::GetAtt ${logicalId}.${attribute} at ${path}: attribute ${attribute} of ${type} is not modelled locally (known: ${Object.keys(id.attributes).join(', ') || 'none'})`);
  };

  const isCreated = (stack: string, logicalId: string): boolean => {
    const name = templateOf(stack).Resources[logicalId]?.Condition;
    return name === undefined || condition(stack, name);
  };

  const condition = (stack: string, name: string): boolean => {
    const key = `${stack}/${name}`;
    const known = conditions.get(key);
    if (known !== undefined) return known;
    const expression = templateOf(stack).Conditions?.[name];
    if (expression === undefined) throw new Error(`Condition ${name} is not declared in ${stack}`);
    if (evaluating.has(key)) throw new Error(`Condition ${key} depends on itself`);
    evaluating.add(key);
    try {
      const value = evaluateCondition(stack, expression, `${stack}/Conditions/${name}`);
      conditions.set(key, value);
      return value;
    } finally {
      evaluating.delete(key);
    }
  };

  const evaluateCondition = (stack: string, expression: unknown, path: string): boolean => {
    if (!isObject(expression) || Object.keys(expression).length !== 1) throw new Error(`Condition at ${path} must be one condition function`);
    const [[fn, operand]] = Object.entries(expression) as [[string, unknown]];
    const at = `${path}/${fn}`;
    switch (fn) {
      case 'Condition': return condition(stack, asString(operand as Resolved, at, 'Condition'));
      case 'Fn::Equals': {
        const [a, b] = args(operand, 2, at, fn).map((v, i) => step(stack, v, `${at}[${i}]`));
        const scalar = (v: Step) => (typeof v === 'number' || typeof v === 'boolean' ? String(v) : v);
        return JSON.stringify(scalar(a!)) === JSON.stringify(scalar(b!));
      }
      case 'Fn::And': return args(operand, 1, at, fn).every((c, i) => evaluateCondition(stack, c, `${at}[${i}]`));
      case 'Fn::Or': return args(operand, 1, at, fn).some((c, i) => evaluateCondition(stack, c, `${at}[${i}]`));
      case 'Fn::Not': return !evaluateCondition(stack, args(operand, 1, at, fn)[0], `${at}[0]`);
      default: throw new Error(`Unknown condition function ${fn} at ${path}`);
    }
  };

  const exportsByName = () => {
    if (exportIndex) return exportIndex;
    const index = new Map<string, { stack: string; value: unknown; path: string }>();
    for (const [stack, template] of Object.entries(templates)) {
      for (const [key, output] of Object.entries(template.Outputs ?? {})) {
        if (!output.Export) continue;
        const path = `${stack}/Outputs/${key}`;
        const name = asString(step(stack, output.Export.Name, `${path}/Export/Name`), path, 'Export name');
        if (index.has(name)) throw new Error(`Export ${name} is declared twice (${index.get(name)!.path} and ${path})`);
        index.set(name, { stack, value: output.Value, path });
      }
    }
    return (exportIndex = index);
  };

  const importValue = (name: string, path: string): Step => {
    const exported = exportsByName().get(name);
    if (!exported) throw new Error(`Fn::ImportValue ${name} at ${path}: no stack exports that name`);
    if (importing.has(name)) throw new Error(`Fn::ImportValue ${name} at ${path} imports itself`);
    importing.add(name);
    try {
      return step(exported.stack, exported.value, `${exported.path}/Value`);
    } finally {
      importing.delete(name);
    }
  };

  const substitute = (stack: string, operand: unknown, path: string): string => {
    const [text, vars] = Array.isArray(operand) ? args(operand, 2, path, 'Fn::Sub') : [operand, {}];
    if (typeof text !== 'string') throw new Error(`Fn::Sub at ${path} needs a string template`);
    if (!isObject(vars)) throw new Error(`Fn::Sub at ${path}: variables must be a map`);
    return text.replace(/\$\{([^}]*)\}/g, (_match, name: string) => {
      if (name.startsWith('!')) return `\${${name.slice(1)}}`;
      const at = `${path}/\${${name}}`;
      if (name in vars) return asString(step(stack, vars[name], at), at, `Fn::Sub variable ${name}`);
      const dot = name.indexOf('.');
      if (dot > 0 && !name.includes('::')) return getAtt(stack, name.slice(0, dot), name.slice(dot + 1), at);
      return asString(ref(stack, name, at), at, `Fn::Sub \${${name}}`);
    });
  };

  const intrinsic = (stack: string, fn: string, operand: unknown, path: string): Step => {
    const at = `${path}/${fn}`;
    switch (fn) {
      case 'Ref': return ref(stack, asString(operand as Resolved, at, 'Ref'), at);
      case 'Fn::GetAtt': {
        if (typeof operand === 'string' && !operand.includes('.')) throw new Error(`Fn::GetAtt at ${at} needs "Logical.Attribute", got "${operand}"`);
        const [logicalId, attribute] = typeof operand === 'string'
          ? [operand.slice(0, operand.indexOf('.')), operand.slice(operand.indexOf('.') + 1)]
          : args(operand, 2, at, fn).map((v, i) => asString(step(stack, v, `${at}[${i}]`), at, fn));
        return getAtt(stack, logicalId!, attribute!, at);
      }
      case 'Fn::Join': {
        const [delimiter, list] = args(operand, 2, at, fn);
        return asList(step(stack, list, `${at}[1]`), at, fn).map((v) => asString(v, at, `${fn} element`)).join(asString(delimiter as Resolved, at, 'Fn::Join delimiter'));
      }
      case 'Fn::Sub': return substitute(stack, operand, at);
      case 'Fn::Select': {
        const [index, list] = args(operand, 2, at, fn);
        const i = Number(step(stack, index, `${at}[0]`));
        const items = asList(step(stack, list, `${at}[1]`), at, fn);
        if (!Number.isInteger(i) || i < 0 || i >= items.length) throw new Error(`Fn::Select at ${at}: index ${i} is outside a list of ${items.length}`);
        return items[i]!;
      }
      case 'Fn::Split': {
        const [delimiter, source] = args(operand, 2, at, fn);
        return asString(step(stack, source, `${at}[1]`), at, fn).split(asString(delimiter as Resolved, at, 'Fn::Split delimiter'));
      }
      case 'Fn::ImportValue': return importValue(asString(step(stack, operand, at), at, fn), at);
      case 'Fn::If': {
        const [name, whenTrue, whenFalse] = args(operand, 3, at, fn);
        return condition(stack, asString(name as Resolved, at, 'Fn::If condition')) ? step(stack, whenTrue, `${at}[1]`) : step(stack, whenFalse, `${at}[2]`);
      }
      case 'Fn::FindInMap': {
        const [map, top, second] = args(operand, 3, at, fn).map((v, i) => asString(step(stack, v, `${at}[${i}]`), at, fn));
        const found = templateOf(stack).Mappings?.[map!]?.[top!]?.[second!];
        if (found === undefined) throw new Error(`Fn::FindInMap at ${at}: ${map}/${top}/${second} is not in the template's Mappings`);
        return step(stack, found, at);
      }
      case 'Fn::Base64': return Buffer.from(asString(step(stack, operand, at), at, fn)).toString('base64');
      default: throw new Error(`Unknown intrinsic ${fn} at ${path}`);
    }
  };

  const step = (stack: string, value: unknown, path: string): Step => {
    if (Array.isArray(value)) {
      return value.map((v, i) => step(stack, v, `${path}[${i}]`)).filter((v): v is Resolved => v !== NO_VALUE);
    }
    if (isObject(value)) {
      const keys = Object.keys(value);
      if (keys.length === 1 && (keys[0] === 'Ref' || keys[0]!.startsWith('Fn::'))) return intrinsic(stack, keys[0]!, value[keys[0]!], path);
      const out: Record<string, Resolved> = {};
      for (const key of keys) {
        const v = step(stack, value[key], `${path}/${key}`);
        if (v !== NO_VALUE) out[key] = v;
      }
      return out;
    }
    if (value === undefined) return NO_VALUE;
    return value as Resolved;
  };

  const resolve = (stack: string, value: unknown, path = stack): Resolved | undefined => {
    const v = step(stack, value, path);
    return v === NO_VALUE ? undefined : v;
  };

  return {
    resolve,
    resolveString: (stack, value, path = stack) => asString(step(stack, value, path), path, 'Value'),
    ref: (stack, logicalId, path = `${stack}/${logicalId}`) => asString(ref(stack, logicalId, path), path, 'Ref'),
    getAtt: (stack, logicalId, attribute, path = `${stack}/${logicalId}`) => getAtt(stack, logicalId, attribute, path),
    identity: (stack, logicalId) => identity(stack, logicalId, `${stack}/${logicalId}`).id,
    isCreated,
    condition,
    exports: () => Object.fromEntries([...exportsByName().keys()].map((name) => [name, asString(importValue(name, name), name, 'Export')])),
  };
}
