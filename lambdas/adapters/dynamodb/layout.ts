/**
 * The name of the table's current item layout. The seed's custom resource carries it (infra/aws/stateless-stack.ts),
 * so CloudFormation calls the seed, and with it every backfill, on the deploy that changes it: without a changed
 * property a custom resource is not called at all. Change this whenever a release adds a backfill or moves items.
 *
 * - `catalog-2026-12`: stories listed in gsi1's EVENTS partition after the events (catalog-keys.ts); events given
 *   their story's index entry; readers put in the mailbox index.
 */
export const TABLE_LAYOUT = 'catalog-2026-12';
