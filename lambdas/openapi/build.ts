/**
 * `npm run build:openapi`: writes the OpenAPI document (built from routes.ts and the zod schemas by zod-openapi)
 * to lambdas/openapi/dist/openapi.json, which the static-files function serves as it is: zod-openapi and the
 * operations' schemas are build-time code, in no function's bundle.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { STATIC_FILES } from '#lambdas/static-files.ts';
import { openApiDocument } from './document.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const OPENAPI_FILE = join(repoRoot, STATIC_FILES['openapi.json']);

/** The document as the function serves it: JSON text, byte for byte. */
export const openApiText = (): string => JSON.stringify(openApiDocument());

export async function buildOpenApi(outFile = OPENAPI_FILE): Promise<string> {
  const text = openApiText();
  await mkdir(dirname(outFile), { recursive: true });
  await writeFile(outFile, text);
  return text;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const text = await buildOpenApi();
  console.log(`openapi: ${(text.length / 1024).toFixed(1)} KB in ${OPENAPI_FILE}`);
}
