/** The parts of a synthesized CloudFormation template the local stack reads; values may hold intrinsics. */
export interface CfnTemplate {
  Description?: string;
  Parameters?: Record<string, CfnParameter>;
  Mappings?: Record<string, Record<string, Record<string, unknown>>>;
  Conditions?: Record<string, unknown>;
  Resources: Record<string, CfnResource>;
  Outputs?: Record<string, CfnOutput>;
  [section: string]: unknown;
}

export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
  Metadata?: Record<string, unknown>;
  Condition?: string;
  DependsOn?: string | string[];
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
}

export interface CfnParameter {
  Type: string;
  Default?: unknown;
  Description?: string;
}

export interface CfnOutput {
  Value: unknown;
  Description?: string;
  Condition?: string;
  Export?: { Name: unknown };
}

/** Every stack of the app, by stack name. */
export type CfnTemplates = Record<string, CfnTemplate>;
