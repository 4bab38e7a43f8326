import { OpenAPIRegistry, OpenApiGeneratorV3 } from '@asteasolutions/zod-to-openapi';

/** Every route defined with defineRoute() registers itself here; /api/openapi.json renders it. */
export const openApiRegistry = new OpenAPIRegistry();

let cached: unknown;

export function openApiDocument(publicUrl: string): unknown {
  cached ??= new OpenApiGeneratorV3(openApiRegistry.definitions).generateDocument({
    openapi: '3.0.3',
    info: {
      title: 'After-sales contact centre API',
      version: '1.0.0',
      description:
        'Staff routes need a session cookie from POST /api/auth/login and, for unsafe methods, ' +
        'the X-CSRF-Token header it returns. Errors are {"error":{"code","message","details"?}}.',
    },
    servers: [{ url: publicUrl }],
  });
  return cached;
}
