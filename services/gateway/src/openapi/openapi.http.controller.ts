import { Controller, Get, Header, Inject, NotFoundException, Param, Res, UseFilters } from '@nestjs/common';
import { SERVICE_CONFIG, SERVICE_INFO, type ServiceInfo } from '@zvonar/platform';
import type { FastifyReply } from 'fastify';
import { createReadStream } from 'node:fs';
import { dirname, join } from 'node:path';
import type { GatewayConfig } from '../config/gateway.config';
import { ProblemFilter } from '../http/problem.filter';
import { buildOpenApiDocument } from './openapi.document';
import { RouteCatalogue } from './route-catalogue';

// swagger-ui-dist from node_modules: the docs page works offline and loads nothing from a CDN.
const SWAGGER_UI_DIR = dirname(require.resolve('swagger-ui-dist/package.json'));
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'application/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

const DOCS_PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Zvonar API</title>
  <link rel="stylesheet" href="/api/docs/swagger-ui.css">
  <link rel="icon" href="/api/docs/favicon-32x32.png">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/api/docs/swagger-ui-bundle.js"></script>
  <script src="/api/docs/swagger-ui-init.js"></script>
</body>
</html>
`;

// A separate script rather than an inline one, so the page works under a strict CSP.
const DOCS_INIT = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', deepLinking: true });\n`;

/** The OpenAPI document of every route the gateway serves, and a docs page to read and try it. */
@Controller()
@UseFilters(ProblemFilter)
export class OpenApiHttpController {
  private document?: object;

  constructor(
    private readonly catalogue: RouteCatalogue,
    @Inject(SERVICE_INFO) private readonly info: ServiceInfo,
    @Inject(SERVICE_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Get('/api/openapi.json')
  openApi(): object {
    // Built on first use: by then every route module has been scanned.
    return (this.document ??= buildOpenApiDocument(
      this.catalogue.routes().filter((route) => !route.embeddedOnly || this.config.DEPLOYMENT === 'embedded'),
      {
        title: 'Zvonar API',
        version: this.info.version,
        description:
          'The public REST API of Zvonar. Errors are application/problem+json (RFC 9457). Lists page with ?cursor=&limit= and answer {items, nextCursor}. POSTs accept an Idempotency-Key. Messages follow Accept-Language (ru by default, en).',
      },
    ));
  }

  @Get('/api/docs')
  @Header('content-type', 'text/html; charset=utf-8')
  docs(): string {
    return DOCS_PAGE;
  }

  @Get('/api/docs/swagger-ui-init.js')
  @Header('content-type', 'application/javascript; charset=utf-8')
  docsInit(): string {
    return DOCS_INIT;
  }

  @Get('/api/docs/:asset')
  asset(@Param('asset') asset: string, @Res() reply: FastifyReply): void {
    const type = ASSETS[asset];
    if (!type) throw new NotFoundException();
    void reply.header('content-type', type).header('cache-control', 'public, max-age=86400').send(createReadStream(join(SWAGGER_UI_DIR, asset)));
  }
}
