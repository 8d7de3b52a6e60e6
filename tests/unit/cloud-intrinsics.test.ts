import { describe, expect, it } from 'vitest';
import { makeResolver } from '#local/cloud/intrinsics.ts';
import { generatedName } from '#local/cloud/physical-ids.ts';
import type { CfnTemplate, CfnTemplates } from '#local/cloud/template.ts';

const env = { region: 'us-east-1', accountId: '000000000000', apiUrl: 'http://127.0.0.1:3000', awsEndpoint: 'http://127.0.0.1:4566' };

/** One stack named App with these resources, plus whatever else the test gives. */
function app(resources: CfnTemplate['Resources'], more: Partial<CfnTemplate> = {}, others: CfnTemplates = {}) {
  return makeResolver({ App: { Resources: resources, ...more }, ...others }, env);
}

const queue = { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'jobs' } };

describe('pseudo parameters, Ref and GetAtt', () => {
  it('gives the local region, account, partition and URL suffix, and the stack name', () => {
    const r = app({});
    expect(r.resolve('App', ['AWS::Region', 'AWS::AccountId', 'AWS::Partition', 'AWS::URLSuffix', 'AWS::StackName'].map((Ref) => ({ Ref }))))
      .toEqual(['us-east-1', '000000000000', 'aws', 'amazonaws.com', 'App']);
  });

  it('uses a declared name, and builds URL and ARN from it', () => {
    const r = app({ Jobs: queue });
    expect(r.resolve('App', { url: { Ref: 'Jobs' }, arn: { 'Fn::GetAtt': ['Jobs', 'Arn'] }, name: { 'Fn::GetAtt': 'Jobs.QueueName' } })).toEqual({
      url: 'http://127.0.0.1:4566/000000000000/jobs',
      arn: 'arn:aws:sqs:us-east-1:000000000000:jobs',
      name: 'jobs',
    });
  });

  it('generates the same CloudFormation-style name every time, within the service limit', () => {
    const fn = { Type: 'AWS::Lambda::Function', Properties: {} };
    const id = 'AVeryLongLogicalIdForAFunctionThatGoesOnAndOn0123456789ABCDEF';
    const first = app({ [id]: fn }).ref('App', id);
    expect(first).toBe(app({ [id]: fn }).ref('App', id));
    expect(first.length).toBeLessThanOrEqual(64);
    expect(first).toMatch(/^App-AVeryLong\w*-[A-Z0-9]{12}$/);
    expect(generatedName('S', 'Table', 255)).toMatch(/^S-Table-[A-Z0-9]{12}$/);
  });

  it('falls back to a plausible Ref and Arn for a type it does not know', () => {
    const r = app({ Thing: { Type: 'AWS::Pipes::Pipe', Properties: {} } });
    expect(r.ref('App', 'Thing')).toBe('App-Thing');
    expect(r.getAtt('App', 'Thing', 'Arn')).toBe('arn:aws:pipes:us-east-1:000000000000:pipe/App-Thing');
  });

  it('refuses attributes it cannot know, naming them and the path', () => {
    const r = app({ Jobs: queue, Seed: { Type: 'Custom::Seed', Properties: {} } });
    expect(() => r.resolve('App', { x: { 'Fn::GetAtt': ['Jobs', 'Nope'] } })).toThrow(/Jobs\.Nope at App\/x\/Fn::GetAtt.*QueueName/);
    expect(() => r.resolve('App', { 'Fn::GetAtt': ['Seed', 'Count'] })).toThrow(/custom resource.*unknown before it runs/);
    expect(() => r.resolve('App', { Ref: 'Missing' })).toThrow(/"Missing", which is no resource/);
  });
});

describe('string functions', () => {
  const r = app({ Jobs: queue }, { Parameters: { Stage: { Type: 'String', Default: 'dev' } } });

  it('joins, with nested intrinsics', () => {
    expect(r.resolve('App', { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sqs:::', { 'Fn::GetAtt': ['Jobs', 'QueueName'] }]] }))
      .toBe('arn:aws:sqs:::jobs');
  });

  it('substitutes pseudo parameters, refs, attributes, parameters, variables and keeps ${!literals}', () => {
    expect(r.resolve('App', { 'Fn::Sub': '${AWS::Region}/${Jobs}/${Jobs.Arn}/${Stage}/${!Literal}' }))
      .toBe('us-east-1/http://127.0.0.1:4566/000000000000/jobs/arn:aws:sqs:us-east-1:000000000000:jobs/dev/${Literal}');
    expect(r.resolve('App', { 'Fn::Sub': ['${Who}-${AWS::AccountId}', { Who: { Ref: 'Stage' } }] })).toBe('dev-000000000000');
  });

  it('splits and selects', () => {
    expect(r.resolve('App', { 'Fn::Split': [':', { 'Fn::GetAtt': ['Jobs', 'Arn'] }] })).toEqual(['arn', 'aws', 'sqs', 'us-east-1', '000000000000', 'jobs']);
    expect(r.resolve('App', { 'Fn::Select': [5, { 'Fn::Split': [':', { 'Fn::GetAtt': ['Jobs', 'Arn'] }] }] })).toBe('jobs');
    expect(r.resolve('App', { 'Fn::Select': ['1', ['a', 'b']] })).toBe('b');
    expect(() => r.resolve('App', { 'Fn::Select': [2, ['a', 'b']] })).toThrow(/index 2 is outside a list of 2/);
  });
});

describe('across stacks', () => {
  it('imports the value another stack exports, resolved in that stack', () => {
    const producer: CfnTemplate = {
      Resources: { Table: { Type: 'AWS::DynamoDB::Table', Properties: { TableName: 'events' } } },
      Outputs: { TableArn: { Value: { 'Fn::GetAtt': ['Table', 'Arn'] }, Export: { Name: { 'Fn::Sub': '${AWS::StackName}:TableArn' } } } },
    };
    const r = app({}, {}, { Data: producer });
    expect(r.resolve('App', { 'Fn::ImportValue': 'Data:TableArn' })).toBe('arn:aws:dynamodb:us-east-1:000000000000:table/events');
    expect(r.exports()).toEqual({ 'Data:TableArn': 'arn:aws:dynamodb:us-east-1:000000000000:table/events' });
    expect(() => r.resolve('App', { 'Fn::ImportValue': 'Data:Nothing' })).toThrow(/no stack exports that name/);
  });
});

describe('AWS::NoValue and conditions', () => {
  const r = app({ Jobs: queue, Extra: { Type: 'AWS::SQS::Queue', Condition: 'IsProd', Properties: {} } }, {
    Parameters: { Stage: { Type: 'String', Default: 'dev' } },
    Conditions: {
      IsProd: { 'Fn::Equals': [{ Ref: 'Stage' }, 'prod'] },
      IsDev: { 'Fn::Not': [{ Condition: 'IsProd' }] },
      DevInUsEast: { 'Fn::And': [{ Condition: 'IsDev' }, { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-1'] }] },
      Either: { 'Fn::Or': [{ Condition: 'IsProd' }, { Condition: 'DevInUsEast' }] },
      Broken: { 'Fn::Contains': ['a', 'b'] },
    },
  });

  it('drops a key or a list element whose value is AWS::NoValue', () => {
    expect(r.resolve('App', { a: 1, b: { Ref: 'AWS::NoValue' }, c: ['x', { Ref: 'AWS::NoValue' }, 'y'] })).toEqual({ a: 1, c: ['x', 'y'] });
    expect(r.resolve('App', { Ref: 'AWS::NoValue' })).toBeUndefined();
  });

  it('evaluates Fn::If over Equals, Not, And, Or and Condition references', () => {
    expect(r.resolve('App', { 'Fn::If': ['IsProd', 'big', 'small'] })).toBe('small');
    expect(r.resolve('App', { size: { 'Fn::If': ['IsDev', { Ref: 'AWS::NoValue' }, 5] } })).toEqual({});
    expect(r.condition('App', 'Either')).toBe(true);
    expect(r.isCreated('App', 'Extra')).toBe(false);
    expect(() => r.resolve('App', { Ref: 'Extra' })).toThrow(/condition IsProd is false/);
  });

  it('names a condition function it does not know, and the path', () => {
    expect(() => r.resolve('App', { 'Fn::If': ['Broken', 1, 2] })).toThrow('Unknown condition function Fn::Contains at App/Conditions/Broken');
  });
});

it('throws on an intrinsic it does not know, naming it and where it is', () => {
  expect(() => app({}).resolve('App', { Props: { Zones: { 'Fn::GetAZs': '' } } }, 'App/Resources/X'))
    .toThrow('Unknown intrinsic Fn::GetAZs at App/Resources/X/Props/Zones');
});
