import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * Adds each count to its attribute of one item in one UpdateItem (`ADD` is atomic: concurrent writers never lose
 * a change, and a missing attribute or item starts at zero). Nothing is written when there is nothing to add.
 */
export async function addCounts(
  doc: DynamoDBDocumentClient,
  tableName: string,
  key: Record<string, string>,
  counts: Iterable<readonly [string, number]>,
): Promise<void> {
  const names: Record<string, string> = {};
  const values: Record<string, number> = {};
  const adds = [...counts].map(([name, n], i) => {
    names[`#c${i}`] = name;
    values[`:n${i}`] = n;
    return `#c${i} :n${i}`;
  });
  if (adds.length === 0) return;
  await doc.send(
    new UpdateCommand({
      TableName: tableName,
      Key: key,
      UpdateExpression: `ADD ${adds.join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    }),
  );
}
